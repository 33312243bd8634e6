using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    private static readonly string[] HostileTexts =
    [
        "nul\0inside",
        "\u0001starts with the escape marker\0",
        "emoji 🍵🫖👩🏽‍🍳 and 한국어",
        "Robert'); DROP TABLE orders; --",
        "<script>alert('x')</script>",
        "back\\slash \"quotes\" 'single' %_ $1 @id ?",
    ];

    [Fact]
    public async Task an_order_reads_back_with_every_field()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var order = TestOrders.Pending(Now, ("TEA-2", 1), ("TEA-1", 2)) with
        {
            Status = OrderStatus.PartiallyRefunded,
            Email = "buyer+" + HostileTexts[0] + "@example.com",
            ShippingAddress = new ShippingAddress(new string('가', 5000) + "🍵", HostileTexts[3], HostileTexts[4], HostileTexts[2], HostileTexts[1], "04524", "KR"),
            Locale = "ko",
            UpdatedAt = Now.AddMinutes(3),
            PaidAt = new DateTimeOffset(2026, 11, 24, 10, 2, 0, TimeSpan.FromHours(9)),
            PaymentId = "pi_123",
            ClientSecret = "pi_123_secret_abc",
            LastPaymentError = new PaymentError("card_declined", "insufficient_funds", HostileTexts[5]),
            RefundedAmount = 1000,
            StatusReason = HostileTexts[1],
            RefundDue = 500,
            UnitsReturned = true,
            ReceiptWithheld = true,
            ReconcileAfter = Now.AddMinutes(5).AddTicks(10),
            Version = 7,
        };
        order = order with { Lines = [order.Lines[0] with { Title = HostileTexts[2] }, order.Lines[1]] };

        await InTransactionAsync(async t =>
        {
            await t.TryReserveAsync("TEA-1", 2, Ct);
            await t.TryReserveAsync("TEA-2", 1, Ct);
            await t.InsertOrderAsync(order, Ct);
            return true;
        });

        ShouldRoundTrip(await Store.GetOrderAsync(order.Id, Ct), order);
    }

    [Fact]
    public async Task an_order_without_optional_fields_reads_back_with_nulls()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 1));

        var stored = await Store.GetOrderAsync(order.Id, Ct);

        ShouldRoundTrip(stored, order);
        stored!.ShippingAddress.ShouldBeNull();
        stored.LastPaymentError.ShouldBeNull();
        stored.PaidAt.ShouldBeNull();
        stored.PaymentId.ShouldBeNull();
        stored.ReconcileAfter.ShouldBeNull();
    }

    [Fact]
    public async Task an_unseen_order_is_deleted_with_its_lines_and_released_reservations_and_nothing_else()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var unseen = await PlaceOrderAsync(("TEA-1", 2), ("TEA-2", 1));
        var other = await PlaceOrderAsync(("TEA-1", 1));

        var holding = await Should.ThrowAsync<InvalidOperationException>(() => InTransactionAsync(t => t.DeleteUnseenOrderAsync(unseen.Id, Ct)));
        var deleted = await InTransactionAsync(async t =>
        {
            await t.ReleaseReservationsAsync(unseen.Id, Ct);
            return await t.DeleteUnseenOrderAsync(unseen.Id, Ct);
        });

        holding.Message.ShouldContain("reserved stock");
        deleted.ShouldBeTrue();
        (await Store.GetOrderAsync(unseen.Id, Ct)).ShouldBeNull();
        (await LevelAsync("TEA-1")).Available.ShouldBe(4);
        (await LevelAsync("TEA-2")).Available.ShouldBe(5);
        ShouldRoundTrip(await Store.GetOrderAsync(other.Id, Ct), other);
    }

    [Fact]
    public async Task an_order_with_a_payment_or_past_pending_is_not_deleted()
    {
        await SeedAsync(("TEA-1", 5));
        var withPayment = await PlaceOrderAsync(("TEA-1", 1));
        var canceled = await PlaceOrderAsync(("TEA-1", 1));
        await InTransactionAsync(async t =>
        {
            await t.TryUpdateOrderAsync(withPayment with { PaymentId = "pi_kept" }, Ct);
            await t.ReleaseReservationsAsync(canceled.Id, Ct);
            return await t.TryUpdateOrderAsync(canceled with { Status = OrderStatus.Canceled }, Ct);
        });

        var deleted = await InTransactionAsync(async t =>
        {
            await t.ReleaseReservationsAsync(withPayment.Id, Ct);
            return (await t.DeleteUnseenOrderAsync(withPayment.Id, Ct), await t.DeleteUnseenOrderAsync(canceled.Id, Ct));
        });

        deleted.ShouldBe((false, false));
        (await Store.GetOrderAsync(withPayment.Id, Ct)).ShouldNotBeNull();
        (await Store.GetOrderAsync(canceled.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task an_order_is_read_with_its_token_hash_and_not_with_another()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2), ("TEA-2", 1));

        ShouldRoundTrip(await Store.GetOrderWithTokenAsync(order.Id, order.TokenHash, Ct), order);
        (await Store.GetOrderWithTokenAsync(order.Id, OrderIds.HashToken("wrong-token"), Ct)).ShouldBeNull();
        (await Store.GetOrderWithTokenAsync(order.Id, order.TokenHash.ToUpperInvariant(), Ct)).ShouldBeNull();
        (await Store.GetOrderWithTokenAsync(order.Id, "", Ct)).ShouldBeNull();
        (await Store.GetOrderWithTokenAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", order.TokenHash, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task an_unknown_order_reads_as_null()
    {
        (await Store.GetOrderAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Ct)).ShouldBeNull();
        (await Store.FindOrderByPaymentIdAsync("pi_nothing", Ct)).ShouldBeNull();
        (await InTransactionAsync(t => t.GetOrderForUpdateAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task updating_an_order_with_a_stale_version_changes_nothing()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 1));
        var paid = order with { Status = OrderStatus.Paid, PaidAt = Now, PaymentId = "pi_1", UpdatedAt = Now };

        (await InTransactionAsync(t => t.TryUpdateOrderAsync(paid, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryUpdateOrderAsync(order with { Status = OrderStatus.Canceled }, Ct))).ShouldBeFalse();

        var stored = await Store.GetOrderAsync(order.Id, Ct);
        ShouldRoundTrip(stored, paid with { Version = order.Version + 1 });
        (await InTransactionAsync(t => t.TryUpdateOrderAsync(stored! with { RefundDue = 1 }, Ct))).ShouldBeTrue();
        (await Store.GetOrderAsync(order.Id, Ct))!.Version.ShouldBe(order.Version + 2);
    }

    [Fact]
    public async Task an_order_updated_alone_is_written_only_over_its_own_version_and_at_once()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2), ("TEA-2", 1));
        var attached = order with { PaymentId = "pi_alone", ClientSecret = "pi_alone_secret_x", UpdatedAt = Now };

        (await Store.TryUpdateOrderAsync(attached, Ct)).ShouldBeTrue();
        (await Store.TryUpdateOrderAsync(order with { Status = OrderStatus.Canceled }, Ct)).ShouldBeFalse();

        // Lines and reservations are untouched by a lone update, and it is visible to every other connection at once.
        ShouldRoundTrip(await Store.GetOrderAsync(order.Id, Ct), attached with { Version = order.Version + 1 });
        (await InTransactionAsync(t => t.GetOrderForUpdateAsync(order.Id, Ct)))!.PaymentId.ShouldBe("pi_alone");
        (await Store.GetInventoryAsync(["TEA-1"], Now, Ct))["TEA-1"].Available.ShouldBe(3);
    }

    [Fact]
    public async Task reading_an_order_for_update_holds_off_a_second_transaction_until_the_first_commits()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 1));
        await using var first = await Store.BeginAsync(Ct);
        var locked = await first.GetOrderForUpdateAsync(order.Id, Ct);

        var second = Task.Run(
            async () =>
            {
                await using var transaction = await Store.BeginAsync(Ct);
                return await transaction.GetOrderForUpdateAsync(order.Id, Ct);
            },
            Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        second.IsCompleted.ShouldBeFalse();

        (await first.TryUpdateOrderAsync(locked! with { StatusReason = "first" }, Ct)).ShouldBeTrue();
        await first.CommitAsync(Ct);
        await first.DisposeAsync();

        var seen = await second;
        seen!.StatusReason.ShouldBe("first");
        seen.Version.ShouldBe(order.Version + 1);
    }

    [Fact]
    public async Task an_order_is_found_by_its_payment_id()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 1));
        await PlaceOrderAsync(("TEA-1", 1));
        await InTransactionAsync(t => t.TryUpdateOrderAsync(order with { PaymentId = "pi_found" }, Ct));

        (await Store.FindOrderByPaymentIdAsync("pi_found", Ct))!.Id.ShouldBe(order.Id);
    }

    [Fact]
    public async Task orders_list_newest_first_in_cursor_pages()
    {
        await SeedAsync(("TEA-1", 50));
        var placed = new List<Order>();
        foreach (var minutes in new[] { 0, 1, 1, 1, 2, 3, 5 })
        {
            placed.Add((await TryPlaceOrderAsync(Store, Start.AddMinutes(minutes), ("TEA-1", 1)))!);
        }

        var expected = placed.OrderByDescending(order => order.CreatedAt).ThenByDescending(order => order.Id, StringComparer.Ordinal).Select(order => order.Id).ToList();
        var listed = new List<string>();
        OrderCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.ListOrdersAsync(null, Start, 3, cursor, Ct);
            listed.AddRange(page.Select(order => order.Id));
            cursor = page.Count == 3 ? new OrderCursor(page[^1].CreatedAt, page[^1].Id) : null;
            pages++;
        }
        while (cursor is not null);

        listed.ShouldBe(expected);
        pages.ShouldBe(3);
        (await Store.ListOrdersAsync(null, Start, 1, null, Ct)).Single().Lines.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task orders_list_only_the_status_asked_for()
    {
        await SeedAsync(("TEA-1", 50));
        var paid = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var order = (await TryPlaceOrderAsync(Store, Start.AddMinutes(i), ("TEA-1", 1)))!;
            if (i % 2 == 0)
            {
                await InTransactionAsync(t => t.TryUpdateOrderAsync(order with { Status = OrderStatus.Paid }, Ct));
                paid.Insert(0, order.Id);
            }
        }

        var firstPage = await Store.ListOrdersAsync(OrderStatus.Paid, Start, 2, null, Ct);
        var secondPage = await Store.ListOrdersAsync(OrderStatus.Paid, Start, 2, new OrderCursor(firstPage[^1].CreatedAt, firstPage[^1].Id), Ct);

        firstPage.Concat(secondPage).Select(order => order.Id).ShouldBe(paid);
        (await Store.ListOrdersAsync(OrderStatus.Refunded, Start, 10, null, Ct)).ShouldBeEmpty();
        (await Store.ListOrdersAsync(OrderStatus.PendingPayment, Start, 10, null, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_pending_order_past_its_reservation_is_listed_as_expired()
    {
        await SeedAsync(("TEA-1", 50));
        var ended = (await TryPlaceOrderAsync(Store, Start, ("TEA-1", 1)))!;
        var swept = (await TryPlaceOrderAsync(Store, Start.AddMinutes(1), ("TEA-1", 1)))!;
        var running = (await TryPlaceOrderAsync(Store, Start.AddMinutes(10), ("TEA-1", 1)))!;
        await InTransactionAsync(t => t.TryUpdateOrderAsync(swept with { Status = OrderStatus.Expired }, Ct));

        // The moment a reservation ends, it has ended (as for stock).
        var now = ended.ReservedUntil;
        var pending = await Store.ListOrdersAsync(OrderStatus.PendingPayment, now, 10, null, Ct);
        var expired = await Store.ListOrdersAsync(OrderStatus.Expired, now, 10, null, Ct);
        var earlier = await Store.ListOrdersAsync(OrderStatus.PendingPayment, now.AddTicks(-1), 10, null, Ct);

        pending.Select(order => order.Id).ShouldBe([running.Id]);
        expired.Select(order => order.Id).ShouldBe([swept.Id, ended.Id]);
        earlier.Select(order => order.Id).ShouldBe([running.Id, ended.Id]);
        expired.Select(order => order.Status).ShouldBe([OrderStatus.Expired, OrderStatus.PendingPayment], "the store lists; the checkout shows it as expired");
    }

    [Fact]
    public async Task orders_due_for_reconciliation_are_listed_oldest_first()
    {
        await SeedAsync(("TEA-1", 50));
        var later = await PlaceOrderAsync(("TEA-1", 1));
        var sooner = await PlaceOrderAsync(("TEA-1", 1));
        var notYet = await PlaceOrderAsync(("TEA-1", 1));
        await PlaceOrderAsync(("TEA-1", 1));
        await InTransactionAsync(t => t.TryUpdateOrderAsync(later with { ReconcileAfter = Now.AddMinutes(2) }, Ct));
        await InTransactionAsync(t => t.TryUpdateOrderAsync(sooner with { ReconcileAfter = Now.AddMinutes(1) }, Ct));
        await InTransactionAsync(t => t.TryUpdateOrderAsync(notYet with { ReconcileAfter = Now.AddMinutes(10) }, Ct));

        var due = await Store.ListOrdersDueAsync(Now.AddMinutes(2), 10, Ct);

        due.Select(order => order.Id).ShouldBe([sooner.Id, later.Id]);
        (await Store.ListOrdersDueAsync(Now.AddMinutes(2), 1, Ct)).Single().Id.ShouldBe(sooner.Id);
        (await Store.CountOrdersDueAsync(Now.AddMinutes(2), Ct)).ShouldBe(2);
        (await Store.CountOrdersDueAsync(Now.AddMinutes(10), Ct)).ShouldBe(3, "the one due later too, never the one without a time");
        (await Store.CountOrdersDueAsync(Now.AddMinutes(-10), Ct)).ShouldBe(0);
    }

    private static void ShouldRoundTrip(Order? actual, Order expected)
    {
        actual.ShouldNotBeNull();
        actual.Lines.ShouldBe(expected.Lines);
        actual.ShouldBe(expected with { Lines = actual.Lines, ReconcileAfter = TruncatedToMicroseconds(expected.ReconcileAfter) });
        actual.Currency.ShouldBe(Currency.KRW);
    }

    // The database keeps microseconds, as PostgreSQL's own timestamps do.
    private static DateTimeOffset? TruncatedToMicroseconds(DateTimeOffset? time) =>
        time is { } t ? new DateTimeOffset(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero) : null;
}
