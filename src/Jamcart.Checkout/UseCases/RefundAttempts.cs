using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// The trace a refund leaves before the provider is asked for it (<see cref="RefundAttempt"/>), and the search a retry
/// makes for the refund such an attempt made and never recorded. The shop's refunds (<see cref="RefundOrder"/>) and the
/// automatic ones (<see cref="PaymentApplier"/>) share it: either, sent again after a crash once the provider forgot its
/// key (Stripe: after 24 hours), would otherwise make a second refund, or be refused one and never list the first.
/// </summary>
internal sealed class RefundAttempts(ICheckoutStore store, IPaymentProvider provider, TimeProvider time)
{
    /// <summary>
    /// Records, before the provider is asked, that a refund of <paramref name="amount"/> is about to be made under
    /// <paramref name="key"/>: if the answer is lost (a crash, a timeout), the retry knows to look.
    /// </summary>
    public Task StartAsync(string orderId, string key, long amount, CancellationToken ct) =>
        store.RecordRefundAttemptAsync(orderId, new RefundAttempt(key, amount, time.StoreNow()), ct);

    /// <summary>
    /// The refund an earlier attempt for an amount <paramref name="isAskedFor"/> accepts made at the provider and never
    /// recorded, found among the payment's refunds by the key it carries; null when there is none. The provider is asked
    /// only when such an attempt left its trace: a request with none costs no call.
    /// </summary>
    /// <remarks>
    /// The attempt's key, not the one the retry would send, is looked for: a refund answered since the attempt moved the
    /// number in the shop's keys, and the provider forgets keys, so neither it nor the key would find the refund the
    /// attempt made. Refunds the order already records as answered belong to other requests.
    /// </remarks>
    /// <param name="refunds">The order's refunds as recorded.</param>
    public async Task<ProviderRefund?> FindMadeAsync(Order order, IReadOnlyList<OrderRefund> refunds, Func<long, bool> isAskedFor, CancellationToken ct)
    {
        if (order.PaymentId is null)
        {
            return null;
        }

        var answered = refunds.Where(refund => refund.Answered).ToList();
        var traces = (await store.GetRefundAttemptsAsync(order.Id, ct))
            .Where(attempt => isAskedFor(attempt.Amount) && !answered.Any(refund => refund.RequestKey == attempt.RequestKey))
            .Select(attempt => attempt.RequestKey)
            .ToHashSet(StringComparer.Ordinal);
        if (traces.Count == 0)
        {
            return null;
        }

        return (await provider.ListRefundsAsync(order.PaymentId, ct))
            .Where(refund => refund.RequestKey is { } made && traces.Contains(made) && !answered.Any(recorded => recorded.Id == refund.Id))
            .OrderBy(refund => refund.Created)
            .FirstOrDefault();
    }

    /// <summary>
    /// Forgets the attempt under <paramref name="key"/>, in the transaction that records its answer: answered, its trace
    /// would only send the next refund of the same amount to the provider's list, and find this one.
    /// </summary>
    public static async Task ForgetAsync(ICheckoutTransaction transaction, string? key, CancellationToken ct)
    {
        if (key is not null)
        {
            await transaction.ForgetRefundAttemptAsync(key, ct);
        }
    }
}
