using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>What one reconciliation run did, order by order.</summary>
/// <param name="Checked">Orders that were due.</param>
/// <param name="Expired">Pending orders ended because their reservation ran out.</param>
/// <param name="Abandoned">Orders whose placing never finished, withdrawn with their payment canceled.</param>
/// <param name="Paid">Orders found paid at the provider.</param>
/// <param name="Refunded">Orders whose owed refund was made.</param>
/// <param name="Deferred">Orders left for the next run (provider unavailable, a payment still processing, a busy store).</param>
/// <param name="Left">
/// Orders still due when the run stopped before nothing was (its time budget spent, the provider not answering, or a
/// batch that moved no order on), deferred ones included: the next run starts with them. 0 when it ran out of orders.
/// </param>
public sealed record ReconcileReport(int Checked, int Expired, int Abandoned, int Paid, int Refunded, int Deferred, long Left = 0)
{
    /// <summary>This report and the next batch's, as one run's.</summary>
    public ReconcileReport Add(ReconcileReport next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new(Checked + next.Checked, Expired + next.Expired, Abandoned + next.Abandoned, Paid + next.Paid, Refunded + next.Refunded,
            Deferred + next.Deferred, next.Left);
    }
}

/// <summary>
/// Finishes what a request left undone, so that nothing depends on a process living through every step (I4): ends
/// orders whose reservation ran out (canceling their payment first, so it can no longer be charged), withdraws orders
/// whose payment was never attached, pays orders whose payment succeeded unseen, and makes owed refunds.
/// </summary>
/// <remarks>
/// Every step repeats the provider call of the step it finishes, with the same idempotency key, and writes only when
/// the order is still where that step left it; so a run that dies half-way is finished by the next one, and two
/// runs at once do each thing once. Run it every minute or so.
/// </remarks>
public sealed class Reconcile(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, CheckoutOptions options, ILogger<Reconcile> logger)
{
    internal const string AbandonedReason = "Abandoned before its payment was set up.";
    internal const string PaymentMissingReason = "Expired: the payment provider has no record of its payment.";

    // How long an order whose payment the provider refused to act on waits before it is tried again: long enough that
    // the orders due after it are reconciled first, short enough that a fixed configuration is noticed the same hour.
    private static readonly TimeSpan RefusedRetryDelay = TimeSpan.FromHours(1);

    // A provider that hangs costs each question its whole timeout (and the client's retries): asked about every order,
    // a batch would hold the run, or a scheduled maintenance call, for many minutes, each order getting the same answer.
    // One failure may be the order's own; two orders in a row are the provider's, and the run stops asking.
    private const int UnavailableBeforeStopping = 2;

    private readonly PaymentApplier _payments = new(store, provider, time, logger);

    private enum Result
    {
        Nothing,
        Expired,
        Abandoned,
        Paid,
        Refunded,
        Deferred,
    }

    /// <summary>
    /// Reconciles batch after batch (<see cref="CheckoutOptions.ReconcileBatchSize"/> orders each) until nothing is due,
    /// and starts no batch once <see cref="CheckoutOptions.ReconcileTimeBudget"/> has passed: one scheduled run (a cron
    /// job, a serverless scheduler's call, a host's timer) catches up with a backlog instead of taking a batch a run.
    /// An order it deferred is not looked at again in the same run (it would come first in every batch, and cost the
    /// provider the same call each time). It also stops after a batch the provider stopped answering in, or one that
    /// moved no order on; then, or when the budget is spent, the report says how many orders were left due.
    /// </summary>
    public async Task<ReconcileReport> RunAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var run = new ReconcileReport(0, 0, 0, 0, 0, 0);
        var deferred = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (batch, providerStopped) = await RunBatchAsync(deferred, ct);
            run = run.Add(batch);
            if (batch.Checked < options.ReconcileBatchSize && !providerStopped)
            {
                // Fewer than a batch were due: every one of them was looked at.
                return run;
            }

            if (providerStopped || batch.Deferred == batch.Checked || time.GetElapsedTime(started) >= options.ReconcileTimeBudget)
            {
                var left = await store.CountOrdersDueAsync(time.StoreNow(), ct);
                if (left > 0)
                {
                    CheckoutLog.ReconcileLeft(logger, left);
                }

                return run with { Left = left };
            }
        }
    }

    /// <summary>Looks once at each order that is due now, up to <see cref="CheckoutOptions.ReconcileBatchSize"/> of them, oldest first.</summary>
    public async Task<ReconcileReport> RunOnceAsync(CancellationToken ct) => (await RunBatchAsync(new HashSet<string>(StringComparer.Ordinal), ct)).Report;

    /// <param name="deferred">Orders deferred earlier in the run, passed over; the ones this batch defers are added.</param>
    private async Task<(ReconcileReport Report, bool ProviderStopped)> RunBatchAsync(HashSet<string> deferred, CancellationToken ct)
    {
        // Deferred orders keep their time, so they are the oldest due: read past them.
        var due = (await store.ListOrdersDueAsync(time.StoreNow(), options.ReconcileBatchSize + deferred.Count, ct))
            .Where(order => !deferred.Contains(order.Id))
            .Take(options.ReconcileBatchSize)
            .ToList();
        var counts = new Dictionary<Result, int>();
        var unavailableInARow = 0;
        for (var i = 0; i < due.Count; i++)
        {
            var order = due[i];
            Result result;
            try
            {
                result = await ReconcileAsync(order, ct);
                unavailableInARow = 0;
            }
            catch (PaymentProviderUnavailableException)
            {
                CheckoutLog.Deferred(logger, order.Id, "reconciliation");
                result = Result.Deferred;
                if (++unavailableInARow == UnavailableBeforeStopping)
                {
                    // The rest wait for the next run as they are, counted as deferred.
                    counts[result] = counts.GetValueOrDefault(result) + due.Count - i - 1;
                }
            }
            catch (StoreConflictException)
            {
                CheckoutLog.Busy(logger, order.Id, "reconciliation");
                result = Result.Deferred;
            }
            catch (PaymentRequestRejectedException rejected)
            {
                CheckoutLog.ProviderRefused(logger, order.Id, "reconciliation", rejected.Code);
                result = await RefusedAsync(order, rejected, ct);
            }

            counts[result] = counts.GetValueOrDefault(result) + 1;
            if (result == Result.Deferred)
            {
                deferred.Add(order.Id);
            }

            if (unavailableInARow == UnavailableBeforeStopping)
            {
                break;
            }
        }

        var report = new ReconcileReport(
            due.Count,
            counts.GetValueOrDefault(Result.Expired),
            counts.GetValueOrDefault(Result.Abandoned),
            counts.GetValueOrDefault(Result.Paid),
            counts.GetValueOrDefault(Result.Refunded),
            counts.GetValueOrDefault(Result.Deferred));
        CheckoutLog.Reconciled(logger, report.Checked, report.Expired, report.Abandoned, report.Paid, report.Refunded, report.Deferred);
        return (report, unavailableInARow == UnavailableBeforeStopping);
    }

    private async Task<Result> ReconcileAsync(Order order, CancellationToken ct)
    {
        if (order.RefundDue > 0)
        {
            var settled = await _payments.SettleRefundDueAsync(order.Id, ct);
            return settled.RefundDue == 0 ? Result.Refunded : Result.Deferred;
        }

        if (order.Status != OrderStatus.PendingPayment)
        {
            // Ended by another path since it was last due: nothing is left to do.
            await StoreRetry.RunAsync(() => WriteIfAsync(order.Id, current => current.Status == order.Status && current.RefundDue == 0, current => current with { ReconcileAfter = null }, ct));
            return Result.Nothing;
        }

        return order.PaymentId is null
            ? await AbandonAsync(order, ct)
            : await CheckPaymentAsync(order, order.PaymentId, ct);
    }

    private async Task<Result> CheckPaymentAsync(Order order, string paymentId, CancellationToken ct)
    {
        var now = time.StoreNow();
        var payment = await provider.GetAsync(paymentId, ct);
        if (payment.Status is not (PaymentStatus.Succeeded or PaymentStatus.Canceled))
        {
            if (order.ReservedUntil > now)
            {
                // Due early (its reservation still runs): look again when it ends.
                await StoreRetry.RunAsync(() => WriteIfAsync(order.Id, IsPending, current => current with { ReconcileAfter = current.ReservedUntil }, ct));
                return Result.Nothing;
            }

            if (payment.Status == PaymentStatus.Processing)
            {
                return await LaterAsync(order.Id, ct);
            }

            // Canceled first, so that once the stock is released the payment can no longer be charged.
            payment = await CancelAsync(paymentId, PaymentKeys.Expire(order.Id), ct);
        }

        return await ApplyAsync(order.Id, payment, ct);
    }

    /// <summary>
    /// An order whose payment the provider refused to act on would otherwise come first in every run, ahead of the
    /// orders due after it, and fail the same way. A pending order whose payment the provider does not have, and whose
    /// reservation has ended, cannot be paid any more and ends as expired; any other waits for a person, looked at
    /// again after <see cref="RefusedRetryDelay"/>.
    /// </summary>
    private async Task<Result> RefusedAsync(Order order, PaymentRequestRejectedException rejected, CancellationToken ct)
    {
        var now = time.StoreNow();
        if (rejected.ResourceMissing && order.Status == OrderStatus.PendingPayment && order.RefundDue == 0 && order.ReservedUntil <= now)
        {
            return await ExpireAsync(order.Id, PaymentMissingReason, ct);
        }

        await StoreRetry.RunAsync(() => WriteIfAsync(order.Id, current => current.ReconcileAfter is not null, current => current with { ReconcileAfter = now + RefusedRetryDelay }, ct));
        return Result.Deferred;
    }

    private async Task<Result> AbandonAsync(Order order, CancellationToken ct)
    {
        if (order.CreatedAt + options.PaymentCreationGrace > time.StoreNow())
        {
            return Result.Nothing;
        }

        // The same request with the same key finds the payment a dead process created, or creates it: either way it
        // is then canceled, so no payment of this order can ever be charged.
        ProviderPayment payment;
        try
        {
            payment = await provider.CreateAsync(PaymentKeys.CreateRequest(order), ct);
        }
        catch (PaymentRequestRejectedException)
        {
            // Refused: no payment exists, so the order only has to be withdrawn.
            return await WithdrawAsync(order.Id, null, ct);
        }

        if (payment.Status != PaymentStatus.Succeeded)
        {
            payment = await CancelAsync(payment.Id, PaymentKeys.Abandon(order.Id), ct);
        }

        if (payment.Status == PaymentStatus.Canceled)
        {
            return await WithdrawAsync(order.Id, payment.Id, ct);
        }

        // Succeeded or processing: the payment goes on the order, and the order follows the payment.
        await StoreRetry.RunAsync(() => WriteIfAsync(order.Id, current => IsPending(current) && current.PaymentId is null, current => current with { PaymentId = payment.Id }, ct));
        return payment.Status == PaymentStatus.Succeeded ? await ApplyAsync(order.Id, payment, ct) : await LaterAsync(order.Id, ct);
    }

    private async Task<Result> ApplyAsync(string orderId, ProviderPayment payment, CancellationToken ct)
    {
        var before = await store.GetOrderAsync(orderId, ct) ?? throw new OrderNotFoundException();
        var outcome = await _payments.ApplyAsync(orderId, payment, claim: null, ct);
        var after = outcome.Order;
        if (outcome.Effect == PaymentEffect.Mismatch && IsPending(after))
        {
            // A payment that is not this order's cannot pay it, and cannot be canceled either once it succeeded: the
            // order is flagged for a person, and its reservation ends like any other.
            return await ExpireAsync(orderId, after.StatusReason ?? PaymentApplier.ExpiredReason, ct);
        }

        return after.Status switch
        {
            _ when after.RefundDue > 0 => Result.Deferred,
            OrderStatus.Paid when before.Status != OrderStatus.Paid => Result.Paid,
            OrderStatus.Refunded when before.Status != OrderStatus.Refunded => Result.Refunded,
            OrderStatus.Expired or OrderStatus.Canceled when before.Status == OrderStatus.PendingPayment => Result.Expired,
            OrderStatus.PendingPayment => await LaterAsync(orderId, ct),
            _ => Result.Nothing,
        };
    }

    private async Task<ProviderPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken ct)
    {
        try
        {
            return await provider.CancelAsync(paymentId, idempotencyKey, ct);
        }
        catch (PaymentRequestRejectedException)
        {
            // It succeeded (or began processing) in the meantime: what it is now decides.
            return await provider.GetAsync(paymentId, ct);
        }
    }

    private Task<Result> ExpireAsync(string orderId, string reason, CancellationToken ct) =>
        EndAsync(orderId, IsPending, OrderStatus.Expired, reason, announce: true, paymentId: null, Result.Expired, ct);

    // Announced, as a withdrawal inside the placing request is: a rebuild for another sale of the same SKUs may have
    // published the reservation as lower stock or "sold out". The pages must see it freed.
    private Task<Result> WithdrawAsync(string orderId, string? paymentId, CancellationToken ct) =>
        EndAsync(orderId, current => IsPending(current) && current.PaymentId is null, OrderStatus.Canceled, AbandonedReason, announce: true, paymentId, Result.Abandoned, ct);

    private Task<Result> EndAsync(
        string orderId,
        Func<Order, bool> stillApplies,
        OrderStatus to,
        string reason,
        bool announce,
        string? paymentId,
        Result result,
        CancellationToken ct) =>
        StoreRetry.RunAsync(async () =>
        {
            var now = time.StoreNow();
            await using var transaction = await store.BeginAsync(ct);
            // Gone: the placing request withdrew it itself while this run was asking the provider.
            var current = await transaction.GetOrderForUpdateAsync(orderId, ct);
            if (current is null || !stillApplies(current))
            {
                return Result.Nothing;
            }

            var ended = await OrderTransitions.EndUnpaidAsync(transaction, current with { PaymentId = paymentId ?? current.PaymentId }, to, reason, announce, now, ct);
            await transaction.CommitAsync(ct);
            CheckoutLog.Moved(logger, orderId, current.Status, ended.Status);
            return result;
        });

    private async Task<Result> LaterAsync(string orderId, CancellationToken ct)
    {
        var retryAt = time.StoreNow() + options.ReconcileRetryDelay;
        await StoreRetry.RunAsync(() => WriteIfAsync(orderId, IsPending, current => current with { ReconcileAfter = retryAt }, ct));
        return Result.Deferred;
    }

    /// <summary>Writes <paramref name="change"/> of the order if it still satisfies <paramref name="condition"/>.</summary>
    private async Task<bool> WriteIfAsync(string orderId, Func<Order, bool> condition, Func<Order, Order> change, CancellationToken ct)
    {
        await using var transaction = await store.BeginAsync(ct);
        var current = await transaction.GetOrderForUpdateAsync(orderId, ct);
        if (current is null || !condition(current))
        {
            return false;
        }

        var changed = change(current);
        if (changed == current)
        {
            return false;
        }

        await transaction.UpdateAsync(changed with { UpdatedAt = time.StoreNow() }, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static bool IsPending(Order order) => order.Status == OrderStatus.PendingPayment;
}
