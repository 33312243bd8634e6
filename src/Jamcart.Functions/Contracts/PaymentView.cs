namespace Jamcart.Functions.Contracts;

/// <summary>What the browser needs to pay a pending order with the provider's script.</summary>
public sealed record PaymentView(string Provider, string PublishableKey, string ClientSecret);
