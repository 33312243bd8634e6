namespace Jamcart.Payments.Sandbox;

/// <summary>A test card the sandbox knows: its number, Stripe's ready-made PaymentMethod for it (if any), and what it does.</summary>
public sealed record SandboxTestCard(string Number, string? PaymentMethod, string Outcome);
