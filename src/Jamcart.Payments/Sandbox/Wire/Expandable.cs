namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>What each resource lets <c>expand[]</c> reach, as far as the sandbox keeps the objects behind them.</summary>
internal static class Expandable
{
    public static IReadOnlySet<string> PaymentIntent { get; } = new HashSet<string>(
        ["latest_charge", "payment_method", "latest_charge.payment_intent"],
        StringComparer.Ordinal);

    public static IReadOnlySet<string> Charge { get; } = new HashSet<string>(["payment_intent"], StringComparer.Ordinal);

    public static IReadOnlySet<string> Refund { get; } = new HashSet<string>(
        ["charge", "payment_intent", "charge.payment_intent"],
        StringComparer.Ordinal);
}
