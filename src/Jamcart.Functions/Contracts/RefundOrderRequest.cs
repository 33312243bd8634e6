namespace Jamcart.Functions.Contracts;

/// <summary>The body of an admin refund: <c>amount</c> in minor units; left out, what is left of the payment is refunded (null is refused).</summary>
public sealed record RefundOrderRequest(long? Amount);
