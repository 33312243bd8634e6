using Jamcart.Bench.Scale;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Storage;
using Jamcart.Testing;
using Jamcart.Worker.Receipts;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using MimeKit;

using Shouldly;

namespace Jamcart.Worker.Tests.Receipts;

/// <summary>
/// The receipt sender against a real SMTP server on loopback, with orders paid for real (the checkout use cases, the
/// sandbox provider through the Stripe adapter) in a Korean tea shop on SQLite or PostgreSQL.
/// </summary>
public sealed class ReceiptSenderTests(PostgresServer postgres)
{
    /// <summary>Fast pacing for tests: the defaults wait minutes between retries.</summary>
    private static readonly TimeSpan RetryFirst = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Engines => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task each_paid_order_gets_exactly_one_receipt_when_its_confirm_races_a_duplicated_webhook_and_two_senders_run(string engine)
    {
        await using var shop = await WorkerShop.CreateAsync(engine == "postgres" ? await postgres.CreateDatabaseAsync() : null,
            ("TEA-1", 10), ("TEA-2", 10), ("TEA-3", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var orders = new List<Order>();
        foreach (var sku in new[] { "TEA-1", "TEA-2", "TEA-3" })
        {
            orders.Add((await buyer.BuyRacingWebhooksAsync(sku)).Order);
        }

        orders.ShouldAllBe(order => order.Status == OrderStatus.Paid);
        var entries = await PendingReceiptsAsync(shop.Store);
        entries.Select(entry => entry.Message.OrderId).ShouldBe(orders.Select(order => order.Id), ignoreOrder: true);

        // A second process's sender on its own connection: the lease keeps one of them sending.
        await using var otherHost = await CheckoutDatabase.OpenAsync(shop.ConnectionString, TimeProvider.System, cancellationToken: Ct);
        await using (var first = Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), NullLoggerFactory.Instance))
        await using (var second = Start(shop, otherHost, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), NullLoggerFactory.Instance))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0, "every receipt to be sent");
            await Task.Delay(300, Ct);
            (first.Status.Active ^ second.Status.Active).ShouldBeTrue("exactly one sender is active");
        }

        smtp.Attempts.ShouldBe(3);
        smtp.Messages.Select(message => message.MessageId).ShouldBe(orders.Select(order => $"receipt.{order.Id}@tea.example"), ignoreOrder: true);
        smtp.Messages.ShouldAllBe(message => message.To.Mailboxes.Single().Address == "buyer@example.com");
    }

    [Fact]
    public async Task a_korean_receipt_holds_the_shop_the_order_its_lines_and_amounts_in_won_and_never_the_token()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var (order, token) = await buyer.BuyRacingWebhooksAsync("TEA-1");

        await using (Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), NullLoggerFactory.Instance))
        {
            await Eventually.HoldsAsync(() => smtp.Messages.Count == 1, "the receipt");
        }

        var message = smtp.Messages.Single();
        message.Subject.ShouldBe($"Tea House 영수증: 주문 {order.Id}");
        message.From.Mailboxes.Single().Address.ShouldBe("noreply@tea.example");
        message.Body!.Headers[HeaderId.ContentLanguage].ShouldBe("ko");
        foreach (var body in new[] { message.TextBody!, message.HtmlBody! })
        {
            body.ShouldContain("주문해 주셔서 감사합니다");
            body.ShouldContain($"주문 번호 {order.Id}");
            body.ShouldContain("Tea TEA-1");
            body.ShouldContain("₩12,000");
            body.ShouldContain(MoneyFormatter.Format(order.Total, "ko"));
            body.ShouldContain("배송비");
            body.ShouldContain("https://tea.example/");
            body.ShouldNotContain(token);
            body.ShouldNotContain(order.TokenHash);
            body.ShouldNotContain(order.PaymentId!);
            body.ShouldNotContain("secret", Case.Insensitive);
        }

        message.TextBody!.ShouldContain("1 × ₩12,000 = ₩12,000");
    }

    [Fact]
    public async Task logs_name_the_order_and_a_masked_address_never_the_whole_address()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var order = await buyer.BuyAsync("TEA-1", email: "minji.kim@example.com");
        var logs = new CapturedLogs();
        using var loggers = logs.Factory();

        await using (Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), loggers))
        {
            await Eventually.HoldsAsync(() => smtp.Messages.Count == 1, "the receipt");
            await Eventually.HoldsAsync(() => logs.Lines.Any(line => line.Contains("sent to", StringComparison.Ordinal)), "the log line");
        }

        logs.Lines.ShouldContain(line => line.Contains($"Receipt for order {order.Id} sent to m***@example.com", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(line => line.Contains("minji.kim", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task an_order_refunded_whole_before_its_receipt_went_out_gets_no_receipt_saying_it_was_paid()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10), ("TEA-2", 10), ("TEA-3", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var refunded = await buyer.BuyAsync("TEA-1");
        var partly = await buyer.BuyAsync("TEA-2");
        var paid = await buyer.BuyAsync("TEA-3");
        // Both refunds come while no sender runs: the receipts still wait in the outbox.
        await buyer.RefundAsync(refunded.Id);
        await buyer.RefundAsync(partly.Id, 1000);
        var logs = new CapturedLogs();
        using var loggers = logs.Factory();

        await using (Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), loggers))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0, "every receipt entry to be done");
        }

        smtp.Messages.Select(message => message.MessageId).ShouldBe([$"receipt.{partly.Id}@tea.example", $"receipt.{paid.Id}@tea.example"], ignoreOrder: true,
            "a partly refunded order was paid and still is, for what it kept");
        logs.Lines.ShouldContain(line => line.Contains($"Receipt for order {refunded.Id} not sent: the order is Refunded now", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task an_order_refunded_whole_before_its_receipt_went_out_gets_it_once_the_refund_fails_and_it_is_paid_again(string engine)
    {
        await using var shop = await WorkerShop.CreateAsync(engine == "postgres" ? await postgres.CreateDatabaseAsync() : null, ("TEA-1", 10));
        var bank = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var buyer = await Buyer.StartAsync(shop.Store, bank);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var order = await buyer.BuyAsync("TEA-1", card: Buyer.RefundsFail);
        await buyer.RefundAsync(order.Id);
        var logs = new CapturedLogs();
        using var loggers = logs.Factory();

        await using (Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), loggers))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0, "the receipt entry to be done");
            logs.Lines.ShouldContain(line => line.Contains($"Receipt for order {order.Id} not sent: the order is Refunded now", StringComparison.Ordinal));
            smtp.Messages.ShouldBeEmpty();

            // A minute later the buyer's bank turns the refund down: the money stays with the shop, the order is paid again.
            bank.Advance(TimeSpan.FromMinutes(1));
            await buyer.ApplyEventsAsync("charge.refund.updated");
            (await shop.Store.GetOrderAsync(order.Id, Ct))!.Status.ShouldBe(OrderStatus.Paid);

            await Eventually.HoldsAsync(() => smtp.Messages.Count == 1, "the receipt of the order paid again");
        }

        smtp.Messages.Single().MessageId.ShouldBe($"receipt.{order.Id}@tea.example");
    }

    [Fact]
    public async Task a_delivery_the_server_defers_is_retried_with_back_off_until_it_is_accepted_once()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var order = await buyer.BuyAsync("TEA-1");
        smtp.FailNext(2);

        await using (var sender = Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), NullLoggerFactory.Instance))
        {
            // The status is counted just after the entry is marked done: both are waited for.
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0 && sender.Status.Sent == 1, "the receipt to go out in the end");
            sender.Status.Deferred.ShouldBe(2);
            sender.Status.Sent.ShouldBe(1);
        }

        smtp.Attempts.ShouldBe(3);
        smtp.Messages.ShouldHaveSingleItem().MessageId.ShouldBe($"receipt.{order.Id}@tea.example");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task a_deferred_receipt_waits_its_back_off_in_the_outbox_and_counts_its_attempts(string engine)
    {
        await using var shop = await WorkerShop.CreateAsync(engine == "postgres" ? await postgres.CreateDatabaseAsync() : null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        await buyer.BuyAsync("TEA-1");
        smtp.FailNext(1);
        var options = Options(shop) with { RetryFirst = TimeSpan.FromHours(1), RetryMax = TimeSpan.FromHours(2) };

        await using (var sender = ReceiptSender.Start(options, shop.Store, shop.Database.CreateLease(options.LeaseName),
            new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), TimeProvider.System, NullLoggerFactory.Instance))
        {
            await Eventually.HoldsAsync(() => sender.Status.Deferred == 1, "the first failure");
            await Task.Delay(300, Ct);
        }

        smtp.Attempts.ShouldBe(1);
        (await shop.Store.ListPendingOutboxAsync(OutboxKinds.Receipts, DateTimeOffset.UtcNow, 10, Ct)).ShouldBeEmpty("not due for an hour");
        (await PendingReceiptsAsync(shop.Store)).ShouldHaveSingleItem().Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task an_address_the_server_refuses_for_good_is_marked_done_with_the_reason_logged_and_the_address_masked()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        smtp.Refuse("nobody@example.com");
        var refused = await buyer.BuyAsync("TEA-1", email: "nobody@example.com");
        var accepted = await buyer.BuyAsync("TEA-1");
        var logs = new CapturedLogs();
        using var loggers = logs.Factory();

        await using (var sender = Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), loggers))
        {
            await Eventually.HoldsAsync(
                async () => (await PendingReceiptsAsync(shop.Store)).Count == 0 && sender.Status.Refused + sender.Status.Sent == 2, "both entries to be done");
            sender.Status.Refused.ShouldBe(1);
            sender.Status.Sent.ShouldBe(1);
            sender.Status.Deferred.ShouldBe(0);
        }

        smtp.Messages.ShouldHaveSingleItem().MessageId.ShouldBe($"receipt.{accepted.Id}@tea.example");
        var line = logs.Lines.Where(l => l.Contains("refused for good", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.ShouldContain(refused.Id);
        line.ShouldContain("n***@example.com");
        line.ShouldContain("550");
        // The server's reply names the address too; it is kept, masked.
        line.ShouldContain("<n***@example.com>: Recipient address rejected");
        logs.Lines.ShouldNotContain(l => l.Contains("nobody@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_deferral_that_repeats_the_address_is_logged_with_the_address_masked_and_the_receipt_sent_later()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        smtp.Greylist("minji.kim@example.com");
        var order = await buyer.BuyAsync("TEA-1", email: "minji.kim@example.com");
        var logs = new CapturedLogs();
        using var loggers = logs.Factory();

        await using (var sender = Start(shop, shop.Database, new SmtpDelivery(SmtpSettings.Parse(smtp.Url)), loggers))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0 && sender.Status.Sent == 1, "the receipt to go out in the end");
            sender.Status.Deferred.ShouldBe(1);
        }

        smtp.Messages.ShouldHaveSingleItem().MessageId.ShouldBe($"receipt.{order.Id}@tea.example");
        var line = logs.Lines.Where(l => l.Contains("not delivered", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.ShouldContain(order.Id);
        line.ShouldContain("4.2.0 <m***@example.com>: Recipient address rejected: Greylisted");
        logs.Lines.ShouldNotContain(l => l.Contains("minji.kim", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task without_smtp_receipts_land_in_the_pickup_folder_one_eml_file_per_order()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        var orders = new[] { await buyer.BuyAsync("TEA-1"), await buyer.BuyAsync("TEA-1", quantity: 2) };
        var folder = Path.Combine(shop.Root, "receipts");

        await using (Start(shop, shop.Database, new PickupFolderDelivery(folder), NullLoggerFactory.Instance))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0, "both receipts to be written");
        }

        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe(orders.Select(order => $"receipt.{order.Id}.eml"), ignoreOrder: true);
        var second = await MimeMessage.LoadAsync(Path.Combine(folder, $"receipt.{orders[1].Id}.eml"), Ct);
        second.MessageId.ShouldBe($"receipt.{orders[1].Id}@tea.example");
        second.TextBody!.ShouldContain("2 × ₩12,000 = ₩24,000");
    }

    [Fact]
    public async Task the_rebuild_worker_and_the_receipt_sender_each_leave_the_others_entries_alone()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-1", 10));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        var order = await buyer.BuyAsync("TEA-1");

        await using (shop.StartWorker(target: null))
        {
            await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "the rebuild");
        }

        (await PendingReceiptsAsync(shop.Store)).ShouldHaveSingleItem().Message.OrderId.ShouldBe(order.Id);

        await buyer.BuyAsync("TEA-1");
        await using (Start(shop, shop.Database, new PickupFolderDelivery(Path.Combine(shop.Root, "receipts")), NullLoggerFactory.Instance))
        {
            await Eventually.HoldsAsync(async () => (await PendingReceiptsAsync(shop.Store)).Count == 0, "the receipts");
        }

        var rebuild = await shop.Store.ListPendingOutboxAsync(OutboxKinds.Rebuild, DateTimeOffset.UtcNow, 10, Ct);
        rebuild.ShouldHaveSingleItem().Message.Kind.ShouldBe(OutboxKinds.OrderPaid);
    }

    private static ReceiptSenderOptions Options(WorkerShop shop) => new()
    {
        StoreRoot = shop.StoreRoot,
        From = ReceiptConfig.FromAddress(shop.StoreRoot),
        PollInterval = TimeSpan.FromMilliseconds(20),
        LeaseRetry = TimeSpan.FromMilliseconds(100),
        RetryFirst = RetryFirst,
        RetryMax = TimeSpan.FromMilliseconds(200),
    };

    private static ReceiptSender Start(WorkerShop shop, CheckoutDatabase database, IReceiptDelivery delivery, ILoggerFactory loggers)
    {
        var options = Options(shop);
        return ReceiptSender.Start(options, database.Store, database.CreateLease(options.LeaseName), delivery, TimeProvider.System, loggers);
    }

    /// <summary>Receipt entries not done, whether due now or put off for a retry.</summary>
    private static Task<IReadOnlyList<OutboxEntry>> PendingReceiptsAsync(ICheckoutStore store) =>
        store.ListPendingOutboxAsync(OutboxKinds.Receipts, DateTimeOffset.UtcNow.AddDays(1), 100, Ct);
}
