using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Testing;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>
/// The refund of a payment whose stock was gone (I4), made and lost in a crash before it was recorded: on both databases,
/// its retry finds it at the provider by the attempt it wrote, even after the provider forgot its key.
/// </summary>
public sealed class AutomaticRefundTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task an_automatic_refund_lost_in_a_crash_is_found_by_reconciliation_after_the_provider_forgot_its_key(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database));
        var owed = await OwedRefundAsync(shop, Browser.Visa);
        var lost = await LoseAutomaticRefundInCrashAsync(shop, owed);

        // No event lists it, and reconciliation comes back two days later: the provider keeps idempotency keys for 24 hours.
        shop.Clock.Advance(TimeSpan.FromDays(2));
        (await shop.Reconcile.RunOnceAsync(Ct)).Refunded.ShouldBe(1);

        var order = await shop.OrderAsync(owed.Id);
        (order.Status, order.RefundedAmount, order.RefundDue, order.ReconcileAfter).ShouldBe((OrderStatus.Refunded, owed.Total.Minor, 0L, (DateTimeOffset?)null));
        var listed = (await shop.GetAdminOrder.HandleAsync(owed.Id, Ct)).Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered, listed.Amount).ShouldBe((lost.Id, true, owed.Total), "the lost refund, found at the provider by its key");
        (await shop.Provider.ListRefundsAsync(owed.PaymentId!, Ct)).ShouldHaveSingleItem().Id.ShouldBe(lost.Id);
        (await shop.Store.GetRefundAttemptsAsync(owed.Id, Ct)).ShouldBeEmpty("answered, the attempt leaves no trace");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task an_automatic_refund_lost_in_a_crash_that_failed_since_is_not_made_again_after_the_provider_forgot_its_key(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database));
        var owed = await OwedRefundAsync(shop, Browser.RefundsFail);
        var lost = await LoseAutomaticRefundInCrashAsync(shop, owed);

        // The buyer's bank turns the lost refund down a minute later, and reconciliation comes back two days later.
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        (await shop.Provider.GetAsync(owed.PaymentId!, Ct)).AmountRefunded.ShouldBe(0);
        shop.Clock.Advance(TimeSpan.FromDays(2));
        await shop.Reconcile.RunOnceAsync(Ct);

        (await shop.Provider.ListRefundsAsync(owed.PaymentId!, Ct)).ShouldHaveSingleItem().Id.ShouldBe(lost.Id, "no second refund was made");
        var order = await shop.OrderAsync(owed.Id);
        (order.Status, order.RefundedAmount, order.RefundDue, order.ReconcileAfter).ShouldBe((OrderStatus.Expired, 0L, owed.Total.Minor, (DateTimeOffset?)null));
        order.StatusReason.ShouldBe(OrderTransitions.StillOwedReason(owed.Total));
        var listed = (await shop.GetAdminOrder.HandleAsync(owed.Id, Ct)).Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Status).ShouldBe((lost.Id, RefundStatuses.Failed));

        // Recorded with its failure, it is not taken for the refund the shop now makes by hand.
        var made = await shop.RefundOrder.HandleAsync(owed.Id, null, Ct);
        made.Refunds.Count.ShouldBe(2);
        (await shop.Provider.ListRefundsAsync(owed.PaymentId!, Ct)).Count.ShouldBe(2);
    }

    /// <summary>
    /// A payment for stock that was gone, applied while the provider was down: the order owes its refund, and
    /// reconciliation is to make it.
    /// </summary>
    private static async Task<Order> OwedRefundAsync(TestShop shop, string card)
    {
        var late = await shop.StockGoneBeforePaymentAsync();
        await shop.PayInBrowserAsync(late, card);
        var payment = await shop.Provider.GetAsync(late.Order.PaymentId!, Ct);
        shop.Sandbox.Outage = true;
        var owed = (await new PaymentApplier(shop.Store, shop.Provider, shop.Clock, NullLogger.Instance).ApplyAsync(late.Order.Id, payment, null, Ct)).Order;
        shop.Sandbox.Outage = false;
        owed.RefundDue.ShouldBe(owed.Total.Minor);
        return owed;
    }

    /// <summary>
    /// The automatic refund as reconciliation made it at the provider, before the process died without recording it: the
    /// use case itself runs, and dies where it would begin to record the refund.
    /// </summary>
    private static async Task<ProviderRefund> LoseAutomaticRefundInCrashAsync(TestShop shop, Order owed)
    {
        var dying = HappensFirst.Around(shop.Store, nameof(ICheckoutStore.BeginAsync), () => throw new ProcessDiedException());
        var payments = new PaymentApplier(dying, shop.Provider, shop.Clock, NullLogger.Instance);
        await Should.ThrowAsync<ProcessDiedException>(() => payments.SettleRefundDueAsync(owed.Id, Ct));
        (await shop.OrderAsync(owed.Id)).RefundDue.ShouldBe(owed.Total.Minor, "nothing was recorded");
        return (await shop.Provider.ListRefundsAsync(owed.PaymentId!, Ct)).ShouldHaveSingleItem();
    }

    private async Task<ShopSetup> SetupAsync(string database) => new()
    {
        HoldWebhooks = true,
        Database = database == "postgres" ? await postgres.CreateDatabaseAsync() : null,
    };
}
