using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// <c>POST /api/admin/orders/{orderId}/refund</c>: gives back all or part of what is left of a paid order. A full
/// refund puts the order's units back on hand. An order that was never paid but owes its payment back (it came after
/// the stock was gone, and the automatic refund was refused or failed later) is refunded whole.
/// </summary>
/// <remarks>
/// The provider's idempotency key counts the order's answered refunds (those whose requests recorded them, not those
/// learned only from the provider's events) and names the amount, so a retry after a crash between the refund and its
/// record finds the same refund at the provider instead of making a second one, while a refund of another amount is
/// one of its own. The provider forgets keys (Stripe after 24 hours), so every refund also carries its key for good
/// (<see cref="ProviderRefund.RequestKey"/>), and its event lists it with the key: a retry of the same amount that finds
/// a refund so listed and not yet answered is answered with it, without asking the provider, who would make a second
/// refund once the key is forgotten. When no event came, the attempt the request wrote before asking the provider
/// (<see cref="RefundAttempt"/>) sends its retry to the payment's refunds at the provider to find it. Two refunds of one amount sent at the same moment count the same
/// refunds and so share a key: the provider makes one refund, and only the request that records it is answered with
/// it; the other is told that it collided and that nothing was made, so that a retry (which counts the first refund)
/// makes its own.
/// </remarks>
public sealed class RefundOrder(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, ILogger<RefundOrder> logger)
{
    private readonly RefundAttempts _attempts = new(store, provider, time);

    /// <summary>The least amount refunded (minor units); the most is what is left of the order's payment.</summary>
    public const long MinAmount = 1;

    /// <summary>Why a refund of a payment the provider has no record of (Stripe's <c>resource_missing</c>) was not made.</summary>
    public const string PaymentUnknownMessage =
        "The payment provider does not know this order's payment, so nothing was refunded. The payment was made with other " +
        "payment keys (another account, or test mode where the shop is live now, or the reverse), or by the sandbox provider, " +
        "which forgets its payments when it is restarted.";

    /// <exception cref="OrderNotFoundException">No such order.</exception>
    /// <exception cref="OrderStateConflictException">The order is not paid (or is refunded already), its payment has an open or lost chargeback, or the provider refused the refund or does not know the payment.</exception>
    /// <exception cref="InvalidRequestException"><c>amount</c> is below 1, more than what is left (here or at the provider), or not whole charge steps of the currency (KWD: multiples of 10).</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider could not be reached; nothing was recorded, and a retry is safe (it finds any refund the provider made).</exception>
    /// <exception cref="StoreConflictException">Another refund of the order was made at the same moment; this one made none.</exception>
    public async Task<AdminOrder> HandleAsync(string orderId, long? amount, CancellationToken ct)
    {
        var order = OrderIds.IsWellFormed(orderId) ? await store.GetOrderAsync(orderId, ct) : null;
        if (order is null)
        {
            throw new OrderNotFoundException();
        }

        IReadOnlyList<OrderRefund> refunds = [];
        if (order.PaymentId is not null)
        {
            refunds = await store.GetRefundsAsync(order.Id, ct);

            // A retry of a request whose refund was made and never recorded is answered with that refund before the order
            // is judged: the refund's events may have counted it since, and then a whole refund left the order refunded (the
            // retry was refused as a conflict) and a part left less than the retry asks for (refused as too much).
            if (FindListed(order, amount, refunds) is { } listed)
            {
                // Its event listed it. The provider would hand it back for the key only within its 24 hours, and make a
                // second refund after them: it is not asked.
                return await AnswerWithAsync(order, listed, ct);
            }

            if (await _attempts.FindMadeAsync(order, refunds, attempted => IsAskedFor(order, amount, attempted), ct) is { } made)
            {
                return await AnswerWithAsync(order, OrderRefund.Of(made, order.Currency), ct);
            }
        }

        var owed = !OrderStatuses.IsPaid(order.Status) && order.RefundDue > 0;
        if (!(OrderStatuses.IsPaid(order.Status) || owed) || order.PaymentId is null)
        {
            throw new OrderStateConflictException(order.Status, $"Only a paid order, or one owed a refund, can be refunded; this one is {OrderStatuses.ToWire(order.Status)}.");
        }

        var left = order.Total.Minor - order.RefundedAmount;
        var refundAmount = amount ?? left;
        if (owed && refundAmount != left)
        {
            // What is owed is refunded in one: the provider's count of it then settles the order.
            throw InvalidRequestException.For("amount", $"This order is owed {left} back: send {left} or leave amount out.");
        }

        if (refundAmount < MinAmount || refundAmount > left)
        {
            throw InvalidRequestException.For("amount", $"Must be from {MinAmount} to {left}, what is left to refund (in minor units).");
        }

        if (!order.Currency.IsWholeChargeSteps(refundAmount))
        {
            // The provider refunds in the same steps it charges in (Stripe answers invalid_charge_amount), and its
            // refusal would read as a conflict with the order's state: the figure is what is wrong, and the shop can fix it.
            throw InvalidRequestException.For("amount", NotWholeSteps(order.Currency, refundAmount, left));
        }

        if ((await store.GetDisputesAsync(order.Id, ct)).FirstOrDefault(dispute => DisputeStatuses.BlocksRefund(dispute.Status)) is { } disputed)
        {
            // A refund on top of a chargeback pays the cardholder twice, once by the bank and once by the shop.
            throw new OrderStateConflictException(order.Status, disputed.Status == DisputeStatuses.Lost
                ? $"The payment's dispute was lost: the cardholder's bank gave {MoneyFormatter.FormatPlain(disputed.Amount)} {disputed.Amount.Currency.Code} back already, so it cannot be refunded as well."
                : $"The payment is disputed ({disputed.Reason}) with the cardholder's bank, which decides whether it goes back: it cannot be refunded while the dispute is open.");
        }

        var key = PaymentKeys.Refund(order.Id, refunds.Count(made => made.Answered) + 1, refundAmount);
        await _attempts.StartAsync(order.Id, key, refundAmount, ct);

        ProviderRefund refund;
        try
        {
            refund = await provider.RefundAsync(new RefundRequest(order.PaymentId, refundAmount, key), ct);
        }
        catch (PaymentRequestRejectedException rejected) when (rejected.KeyReused)
        {
            // The same key with another amount: another refund of this order is being made right now.
            throw Collided();
        }
        catch (PaymentRequestRejectedException rejected) when (rejected.Code == "amount_too_large" && !owed)
        {
            // Less is left at the provider than the order counts (a dashboard refund whose event has not arrived, another
            // refund at the same moment): the figure is what is wrong, as with more than the order counts. Not for an
            // owed refund, which must be what the order counts owed: it waits for the provider's event to count less.
            throw await MoreThanLeftAtProviderAsync(order, ct);
        }
        catch (PaymentRequestRejectedException rejected) when (rejected.ResourceMissing)
        {
            // The provider's code would read as a refusal of this refund; the shop owner needs to know why it has no payment.
            throw new OrderStateConflictException(order.Status, PaymentUnknownMessage);
        }
        catch (PaymentRequestRejectedException rejected)
        {
            // The charge is refunded already (by other means): the order's state is what stands in the way.
            throw new OrderStateConflictException(order.Status, $"The payment provider refused the refund ({rejected.Code}).");
        }

        return await AnswerWithAsync(order, OrderRefund.Of(refund, order.Currency), ct);
    }

    /// <summary>Records <paramref name="refund"/> as this request's (made now, or before a crash) and answers with the order.</summary>
    private async Task<AdminOrder> AnswerWithAsync(Order order, OrderRefund refund, CancellationToken ct)
    {
        CheckoutLog.Refunded(logger, order.Id, refund.Id, refund.Amount.Minor, refund.Status);

        // The order counts what the provider counts, this refund included. Adding the refund to the order's own count
        // would count it twice after a crash between the refund and its record: the refund's charge.refunded event
        // counts it, and the retry, which the provider answers with the same refund, would add it again.
        var refundedTotal = (await provider.GetAsync(order.PaymentId!, ct)).AmountRefunded;

        // Null when another request with the same key (one the provider handed the same refund, or another retry of the
        // lost one) recorded it first.
        var refunded = await StoreRetry.RunAsync(() => RecordAsync(order.Id, refund, refundedTotal, ct)) ?? throw Collided();
        return await AdminOrder.ReadAsync(store, refunded, ct);
    }

    /// <summary>
    /// The refund an earlier attempt of this request made and never recorded, listed since by its event with the key it
    /// carries; null when there is none. Any of the shop's keys for the order will do, whatever its number: a refund
    /// answered since the attempt moved the number in this request's key.
    /// </summary>
    private static OrderRefund? FindListed(Order order, long? amount, IReadOnlyList<OrderRefund> refunds) =>
        refunds.FirstOrDefault(made => !made.Answered && PaymentKeys.IsRefundOf(order.Id, made.RequestKey) && IsAskedFor(order, amount, made.Amount.Minor));

    /// <summary>
    /// Whether a refund of <paramref name="made"/> is what a request for <paramref name="amount"/> asked for: that
    /// amount, or with none, what was left when it was first sent. That was what is left now when the order does not
    /// count the refund yet, and the refund itself when it does (nothing is left now).
    /// </summary>
    private static bool IsAskedFor(Order order, long? amount, long made)
    {
        var left = order.Total.Minor - order.RefundedAmount;
        return amount is { } asked ? made == asked : made == left || left == 0;
    }

    private static string NotWholeSteps(Currency currency, long amount, long left)
    {
        var step = currency.ChargeStep;
        var below = currency.ChargeStepsBelow(amount);
        var nearest = new[] { below, below + step }.Where(candidate => candidate >= 1 && candidate <= left).ToList();
        var send = nearest.Count == 0 ? "" : $": send {string.Join(" or ", nearest)}";
        return $"Must be a multiple of {step}: {currency.Code} refunds, like its payments, are made in steps of {step} minor units{send}.";
    }

    private async Task<CheckoutException> MoreThanLeftAtProviderAsync(Order order, CancellationToken ct)
    {
        var refundedThere = (await provider.GetAsync(order.PaymentId!, ct)).AmountRefunded;
        var leftThere = order.Total.Minor - refundedThere;
        return leftThere < 1
            ? new OrderStateConflictException(order.Status, "The payment provider counts the whole payment refunded already.")
            : InvalidRequestException.For(
                "amount",
                $"Must be from 1 to {leftThere}, what is left to refund (in minor units): the payment provider counts {refundedThere} refunded already.");
    }

    private static StoreConflictException Collided() =>
        new("Another refund of this order was being made at the same moment; this request made none. Send it again if it is still wanted.");

    private async Task<Order?> RecordAsync(string orderId, OrderRefund refund, long refundedTotal, CancellationToken ct)
    {
        var now = time.StoreNow();
        await using var transaction = await store.BeginAsync(ct);
        var order = await transaction.GetOrderForUpdateAsync(orderId, ct) ?? throw new OrderNotFoundException();
        if (!await transaction.TryAnswerRefundAsync(order.Id, refund, ct))
        {
            // Only the request that records a refund made it; disposing rolls back this transaction, which changed nothing.
            return null;
        }

        await RefundAttempts.ForgetAsync(transaction, refund.RequestKey, ct);

        // Never less than the order already counts: the events of refunds made since may have arrived first.
        var refunded = OrderStatuses.IsPaid(order.Status) || order.RefundDue <= 0
            ? await OrderTransitions.RefundToAsync(transaction, order, refundedTotal, now, ct)
            : await OrderTransitions.SettleOwedAsync(transaction, order, refundedTotal, now, ct);
        var written = refunded == order ? order : await transaction.UpdateAsync(refunded, ct);
        await transaction.CommitAsync(ct);
        if (written.Status != order.Status)
        {
            CheckoutLog.Moved(logger, order.Id, order.Status, written.Status);
        }

        return written;
    }
}
