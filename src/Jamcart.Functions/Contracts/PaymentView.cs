using System.Text.Json.Serialization;

namespace Jamcart.Functions.Contracts;

/// <summary>What the browser needs to pay a pending order with the provider's script.</summary>
public sealed record PaymentView(string Provider, string PublishableKey, string ClientSecret)
{
    /// <summary>Where the browser loads the provider's script (Stripe.js, or the sandbox's <c>sandbox.js</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ScriptUrl { get; init; }
}
