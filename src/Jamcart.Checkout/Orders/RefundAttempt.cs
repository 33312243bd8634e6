namespace Jamcart.Checkout.Orders;

/// <summary>
/// A refund the shop is about to ask the provider for, recorded before it asks and forgotten when the refund's answer is
/// recorded: one still there after its request ended is the trace of a refund that may have been made and lost in a
/// crash (or a timeout), which a retry looks for at the provider before asking for another.
/// </summary>
/// <param name="RequestKey">The idempotency key the request sends (<c>refund:{order}:{n}:{amount}</c>), which the refund carries.</param>
/// <param name="Amount">In the order currency's minor units.</param>
public sealed record RefundAttempt(string RequestKey, long Amount, DateTimeOffset StartedAt);
