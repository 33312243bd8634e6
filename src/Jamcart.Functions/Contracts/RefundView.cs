namespace Jamcart.Functions.Contracts;

/// <summary>A refund of an order; <see cref="Amount"/> in minor units.</summary>
public sealed record RefundView(string Id, long Amount, DateTime CreatedAt);
