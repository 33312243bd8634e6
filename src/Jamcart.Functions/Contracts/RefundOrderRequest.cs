namespace Jamcart.Functions.Contracts;

/// <summary>The body of an admin refund: <see cref="Amount"/> in minor units, or null for what is left.</summary>
public sealed record RefundOrderRequest(long? Amount);
