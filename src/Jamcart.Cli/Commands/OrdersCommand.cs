using System.CommandLine;
using System.Globalization;

using Jamcart.Checkout.UseCases;
using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Cli.Parsing;
using Jamcart.Core;
using Jamcart.Functions.Hosting;

using Microsoft.Extensions.Logging;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart orders list|show|refund</c>: the admin API's order endpoints, on the store database directly.</summary>
internal static class OrdersCommand
{
    public static Command Create()
    {
        var options = new DatabaseOptions();

        var status = new Option<string?>("--status") { Description = "Only orders in this status (pending_payment, paid, expired, canceled, refunded, partially_refunded)." };
        var limit = new Option<int?>("--limit", "-n")
        {
            Description = $"At most this many ({ListOrders.MinLimit}–{ListOrders.MaxLimit}, default {ListOrders.DefaultLimit}).",
            CustomParser = WholeNumbers.Digits<int>(ListOrders.MinLimit, ListOrders.MaxLimit),
        };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after the page that printed this cursor." };
        var list = new Command("list", "List orders, newest first.") { status, limit, cursor };
        options.AddTo(list);
        list.SetAction((parsed, ct) => CliDatabase.RunAsync(options.Read(parsed), async database =>
        {
            var page = await CommandLineNames.RunAsync(
                () => new ListOrders(database.Store, TimeProvider.System).HandleAsync(parsed.GetValue(status), parsed.GetValue(limit), parsed.GetValue(cursor), ct),
                ("status", status.Name), ("limit", limit.Name), ("cursor", cursor.Name));
            var table = new Table().AddColumns("order", "status", "total", "e-mail", "created (UTC)");
            foreach (var order in page.Items)
            {
                table.AddRow(order.Id, OrderStatuses.ToWire(order.Status), Markup.Escape(MoneyFormatter.FormatPlain(order.Total) + " " + order.Currency.Code),
                    Markup.Escape(order.Email), order.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            Terminal.Out.Write(table);
            if (page.NextCursor is { } next)
            {
                // The same filter and page size, or the next page would list other orders than this one continues.
                var same = (parsed.GetValue(status) is { } only ? $" --status {only}" : "")
                    + (parsed.GetValue(limit) is { } size ? $" --limit {size.ToString(CultureInfo.InvariantCulture)}" : "");
                Terminal.Out.WriteLine($"more: jamcart orders list{same} --cursor {next}");
            }

            return ExitCodes.Ok;
        }, ct));

        var id = new Argument<string>("order") { Description = "The order id (ord_…)." };
        var show = new Command("show", "Show an order with its lines, address and refunds.") { id };
        options.AddTo(show);
        show.SetAction((parsed, ct) => CliDatabase.RunAsync(options.Read(parsed), async database =>
        {
            Print(await new GetAdminOrder(database.Store, TimeProvider.System).HandleAsync(parsed.GetValue(id)!, ct));
            return ExitCodes.Ok;
        }, ct));

        var amount = new Option<long?>("--amount")
        {
            Description = "Minor units to refund (KRW 1000 = ₩1,000; USD 1000 = $10.00); all that is left when omitted.",
            CustomParser = WholeNumbers.Digits<long>(RefundOrder.MinAmount, null),
        };
        var refund = new Command("refund", "Refund a paid order fully or partly through the payment provider.") { id, amount };
        options.AddTo(refund);
        refund.SetAction(async (parsed, ct) =>
        {
            using var provider = CliPaymentProvider.Create(out var problems);
            if (provider is null)
            {
                foreach (var problem in problems)
                {
                    Terminal.Error.WriteLine($"jamcart: Jamcart__Payments: {problem}");
                }

                return ExitCodes.Settings;
            }

            // The use case logs a refund (its event 105, ids and amounts only) wherever it is made: here too, as the
            // functions log the admin API's, so a refund leaves the same line whichever way it was made.
            using var loggers = LoggerFactory.Create(logging => logging.AddJamcartErrorConsole());
            return await CliDatabase.RunAsync(options.Read(parsed), async database =>
            {
                var refunded = await CommandLineNames.RunAsync(
                    () => new RefundOrder(database.Store, provider, TimeProvider.System, loggers.CreateLogger<RefundOrder>())
                        .HandleAsync(parsed.GetValue(id)!, parsed.GetValue(amount), ct),
                    ("amount", amount.Name));
                Print(refunded);
                return ExitCodes.Ok;
            }, ct);
        });

        return new Command("orders", "List, show and refund orders in the store database.") { list, show, refund };
    }

    private static void Print(AdminOrder admin)
    {
        var order = admin.Order;
        static string Money(Money money) => Markup.Escape(MoneyFormatter.FormatPlain(money) + " " + money.Currency.Code);

        var grid = new Grid().AddColumns(2);
        grid.AddRow("order", order.Id);
        grid.AddRow("status", OrderStatuses.ToWire(order.Status) + (order.StatusReason is { } reason ? $" ({Markup.Escape(reason)})" : ""));
        grid.AddRow("created", order.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        if (order.PaidAt is { } paidAt)
        {
            grid.AddRow("paid", paidAt.ToString("u", CultureInfo.InvariantCulture));
        }

        if (order.Status == OrderStatus.PendingPayment)
        {
            // Until then its stock is held for the buyer, as reservedUntil says in the admin API.
            grid.AddRow("reserved until", order.ReservedUntil.ToString("u", CultureInfo.InvariantCulture));
        }

        grid.AddRow("e-mail", Markup.Escape(order.Email));
        if (order.ShippingAddress is { } address)
        {
            var lines = new[] { address.Name, address.Line1, address.Line2, address.City, address.Region, address.PostalCode, address.Country };
            grid.AddRow("ship to", Markup.Escape(string.Join(", ", lines.Where(l => !string.IsNullOrEmpty(l)))));
        }

        grid.AddRow("payment", Markup.Escape($"{order.PaymentProvider} {order.PaymentId ?? "(not created)"}"));
        if (order.LastPaymentError is { } error)
        {
            grid.AddRow("last error", Markup.Escape($"{error.Code} {error.DeclineCode}: {error.Message}"));
        }

        Terminal.Out.Write(grid);
        var table = new Table().AddColumns("SKU", "title", "qty", "unit", "amount");
        foreach (var line in order.Lines)
        {
            table.AddRow(Markup.Escape(line.Sku), Markup.Escape(line.Title), line.Quantity.ToString(CultureInfo.InvariantCulture), Money(line.UnitPrice), Money(line.Amount));
        }

        table.AddEmptyRow();
        table.AddRow("", "subtotal", "", "", Money(order.Subtotal));
        table.AddRow("", "shipping", "", "", Money(order.Shipping));
        table.AddRow("", order.TaxInclusive ? "tax (included)" : "tax", "", "", Money(order.Tax));
        table.AddRow("", "[bold]total[/]", "", "", Money(order.Total));
        if (order.RefundedAmount > 0)
        {
            // The admin API's refundedAmount: what the provider counts refunded, which the refunds below may not all
            // list (one made in its dashboard is counted before its own event arrives), and what an amount must stay within.
            table.AddRow("", "refunded", "", "", Money(new Money(order.RefundedAmount, order.Currency)));
        }
        Terminal.Out.Write(table);
        foreach (var refund in admin.Refunds)
        {
            Terminal.Out.WriteLine($"refund {refund.Id} ({refund.Status}): {MoneyFormatter.FormatPlain(refund.Amount)} {refund.Amount.Currency.Code} at {refund.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}");
            if (refund.FailureReason is { } failure)
            {
                Terminal.Out.WriteLine($"  failed: {failure}");
            }
        }

        foreach (var dispute in admin.Disputes)
        {
            var due = dispute.DueBy is { } by && !dispute.Decided ? $", answer due by {by.ToString("u", CultureInfo.InvariantCulture)}" : "";
            Terminal.Out.WriteLine($"dispute {dispute.Id} ({dispute.Status}): {MoneyFormatter.FormatPlain(dispute.Amount)} {dispute.Amount.Currency.Code}, {dispute.Reason}{due}");
        }
    }
}
