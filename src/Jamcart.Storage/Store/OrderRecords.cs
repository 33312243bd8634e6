using System.Data.Common;

using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Storage.Sql;

using LineRow = (string Sku, string Title, int Quantity, long UnitPrice);

namespace Jamcart.Storage.Store;

/// <summary>
/// Orders and their lines in the <c>orders</c> and <c>order_lines</c> tables: every amount in minor units beside the
/// order's one currency code, the shipping address and the last payment error spread over columns of their own.
/// </summary>
internal static class OrderRecords
{
    public const string Columns =
        "id, token_hash, status, currency, subtotal, shipping, discount, tax, tax_inclusive, total, email, "
        + "ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country, locale, "
        + "created_at, updated_at, reserved_until, paid_at, payment_provider, payment_id, client_secret, "
        + "payment_error_code, payment_error_decline_code, payment_error_message, "
        + "refunded_amount, status_reason, refund_due, units_returned, receipt_withheld, reconcile_after, version";

    private const string Values =
        "@id, @token_hash, @status, @currency, @subtotal, @shipping, @discount, @tax, @tax_inclusive, @total, @email, "
        + "@ship_name, @ship_line1, @ship_line2, @ship_city, @ship_region, @ship_postal_code, @ship_country, @locale, "
        + "@created_at, @updated_at, @reserved_until, @paid_at, @payment_provider, @payment_id, @client_secret, "
        + "@payment_error_code, @payment_error_decline_code, @payment_error_message, "
        + "@refunded_amount, @status_reason, @refund_due, @units_returned, @receipt_withheld, @reconcile_after, @version";

    private const string LineColumns = "order_id, line_no, sku, title, quantity, unit_price";

    // Lines, id and created_at are written once; every other column follows the order.
    private const string Update = """
        UPDATE orders SET
            token_hash = @token_hash, status = @status, currency = @currency,
            subtotal = @subtotal, shipping = @shipping, discount = @discount, tax = @tax, tax_inclusive = @tax_inclusive, total = @total,
            email = @email, ship_name = @ship_name, ship_line1 = @ship_line1, ship_line2 = @ship_line2, ship_city = @ship_city,
            ship_region = @ship_region, ship_postal_code = @ship_postal_code, ship_country = @ship_country, locale = @locale,
            updated_at = @updated_at, reserved_until = @reserved_until, paid_at = @paid_at,
            payment_provider = @payment_provider, payment_id = @payment_id, client_secret = @client_secret,
            payment_error_code = @payment_error_code, payment_error_decline_code = @payment_error_decline_code,
            payment_error_message = @payment_error_message, refunded_amount = @refunded_amount, status_reason = @status_reason,
            refund_due = @refund_due, units_returned = @units_returned, receipt_withheld = @receipt_withheld,
            reconcile_after = @reconcile_after, version = version + 1
        WHERE id = @id AND version = @version
        """;

    /// <summary>Adds the inserts of the order and its lines (not its reservations) to <paramref name="batch"/>.</summary>
    /// <param name="onlyIf">A condition the rows are inserted under (see <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>); none by default.</param>
    public static SqlBatch AddInsert(SqlBatch batch, Order order, string? onlyIf = null)
    {
        // PostgreSQL infers the type of a parameter bound to null from the column it goes to, in an INSERT's VALUES or
        // SELECT list alike, though not across a UNION: only the lines, which have no nulls, are a UNION.
        batch.Add(
            onlyIf is null ? $"INSERT INTO orders ({Columns}) VALUES ({Values})" : $"INSERT INTO orders ({Columns}) SELECT {Values} WHERE {onlyIf}",
            command => Bind(command, order));
        if (order.Lines.Count == 0)
        {
            return batch;
        }

        var rows = Enumerable.Range(0, order.Lines.Count).Select(i =>
            $"@lines_order_id, @line{i}_no, @line{i}_sku, @line{i}_title, @line{i}_quantity, @line{i}_unit_price").ToList();
        var insert = onlyIf is null
            ? $"INSERT INTO order_lines ({LineColumns}) VALUES {string.Join(", ", rows.Select(row => $"({row})"))}"
            : $"INSERT INTO order_lines ({LineColumns})\n{string.Join("\nUNION ALL ", rows.Select(row => $"SELECT {row} WHERE {onlyIf}"))}";
        return batch.Add(insert, command =>
        {
            command.With("lines_order_id", order.Id);
            for (var i = 0; i < order.Lines.Count; i++)
            {
                var line = order.Lines[i];
                command
                    .With($"line{i}_no", i)
                    .With($"line{i}_sku", line.Sku)
                    .With($"line{i}_title", line.Title)
                    .With($"line{i}_quantity", line.Quantity)
                    .With($"line{i}_unit_price", line.UnitPrice.Minor);
            }
        });
    }

    /// <summary>
    /// Adds <see cref="TryUpdateAsync"/>'s statement to <paramref name="batch"/>, returning a row when it wrote the order
    /// (for <see cref="SqlBatch.ExecuteCountingAsync"/>).
    /// </summary>
    /// <param name="name">Its name in <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>.</param>
    public static SqlBatch AddTryUpdate(SqlBatch batch, Order order, string? name = null) =>
        batch.Add(Update + "\nRETURNING version", command => Bind(command, order), name);

    /// <summary>Writes the order if its stored version is still <see cref="Order.Version"/>; the stored version then goes up by one.</summary>
    public static async Task<bool> TryUpdateAsync(DbSession session, Order order, CancellationToken cancellationToken)
    {
        await using var command = Bind(session.Sql(Update), order);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    /// <summary>Deletes a pending order without a payment, its lines and its released reservations; false when the order is not such.</summary>
    /// <exception cref="InvalidOperationException">A reservation of the order still runs (the stock would stay held).</exception>
    public static async Task<bool> DeleteUnseenAsync(DbSession session, string orderId, CancellationToken cancellationToken)
    {
        await using var unseen = session.Sql("SELECT COUNT(*) FROM orders WHERE id = @id AND status = @status AND payment_id IS NULL")
            .With("id", orderId).With("status", OrderStatuses.ToWire(OrderStatus.PendingPayment));
        if (await session.LongAsync(unseen, cancellationToken) != 1)
        {
            return false;
        }

        await using var running = session.Sql("SELECT COUNT(*) FROM reservations WHERE order_id = @id AND state = 'active'").With("id", orderId);
        if (await session.LongAsync(running, cancellationToken) != 0)
        {
            throw new InvalidOperationException($"Order {orderId} still holds reserved stock; release it before deleting the order.");
        }

        foreach (var table in new[] { "reservations", "order_lines" })
        {
            await using var children = session.Sql($"DELETE FROM {table} WHERE order_id = @id").With("id", orderId);
            await session.ExecuteAsync(children, cancellationToken);
        }

        await using var order = session.Sql("DELETE FROM orders WHERE id = @id").With("id", orderId);
        return await session.ExecuteAsync(order, cancellationToken) == 1;
    }

    /// <summary>Runs a query selecting <see cref="Columns"/> from <c>orders</c>, and reads the lines of every order it found.</summary>
    public static async Task<List<Order>> QueryAsync(DbSession session, DbCommand command, CancellationToken cancellationToken)
    {
        var headers = await session.QueryAsync(command, ReadHeader, cancellationToken);
        if (headers.Count == 0)
        {
            return headers;
        }

        var lines = await ReadLinesAsync(session, headers.Select(header => header.Id).ToList(), cancellationToken);
        return headers.Select(header => header with
        {
            Lines = lines[header.Id].Select(line => new OrderLine(line.Sku, line.Title, line.Quantity, new Money(line.UnitPrice, header.Currency))).ToList(),
        }).ToList();
    }

    private static async Task<ILookup<string, LineRow>> ReadLinesAsync(DbSession session, List<string> orderIds, CancellationToken cancellationToken)
    {
        await using var command = session.Sql($"""
            SELECT order_id, sku, title, quantity, unit_price FROM order_lines
            WHERE order_id IN ({SqlParameters.Placeholders("order", orderIds.Count)})
            ORDER BY order_id, line_no
            """).WithEach("order", orderIds);
        var lines = await session.QueryAsync(
            command,
            row => (OrderId: row.Text("order_id"), Line: new LineRow(row.Text("sku"), row.Text("title"), row.Int("quantity"), row.Long("unit_price"))),
            cancellationToken);
        return lines.ToLookup(line => line.OrderId, line => line.Line, StringComparer.Ordinal);
    }

    private static Order ReadHeader(Row row)
    {
        var currency = Currency.Get(row.Text("currency"));
        Money Amount(string column) => new(row.Long(column), currency);

        var status = row.Text("status");
        return new Order
        {
            Id = row.Text("id"),
            TokenHash = row.Text("token_hash"),
            Status = OrderStatuses.TryParse(status, out var parsed)
                ? parsed.Value
                : throw new InvalidOperationException($"The store database holds an order status Jamcart does not know: '{status}'."),
            Lines = [],
            Subtotal = Amount("subtotal"),
            Shipping = Amount("shipping"),
            Discount = Amount("discount"),
            Tax = Amount("tax"),
            TaxInclusive = row.Flag("tax_inclusive"),
            Total = Amount("total"),
            Email = row.Text("email"),
            ShippingAddress = row.NullableText("ship_name") is { } name
                ? new ShippingAddress(
                    name,
                    row.Text("ship_line1"),
                    row.NullableText("ship_line2"),
                    row.Text("ship_city"),
                    row.NullableText("ship_region"),
                    row.NullableText("ship_postal_code"),
                    row.Text("ship_country"))
                : null,
            Locale = row.Text("locale"),
            CreatedAt = row.Time("created_at"),
            UpdatedAt = row.Time("updated_at"),
            ReservedUntil = row.Time("reserved_until"),
            PaidAt = row.NullableTime("paid_at"),
            PaymentProvider = row.Text("payment_provider"),
            PaymentId = row.NullableText("payment_id"),
            ClientSecret = row.NullableText("client_secret"),
            LastPaymentError = row.NullableText("payment_error_code") is { } code
                ? new PaymentError(code, row.NullableText("payment_error_decline_code"), row.Text("payment_error_message"))
                : null,
            RefundedAmount = row.Long("refunded_amount"),
            StatusReason = row.NullableText("status_reason"),
            RefundDue = row.Long("refund_due"),
            UnitsReturned = row.Flag("units_returned"),
            ReceiptWithheld = row.Flag("receipt_withheld"),
            ReconcileAfter = row.NullableTime("reconcile_after"),
            Version = row.Long("version"),
        };
    }

    private static DbCommand Bind(DbCommand command, Order order)
    {
        EnsureOneCurrency(order);
        var address = order.ShippingAddress;
        var error = order.LastPaymentError;
        return command
            .With("id", order.Id)
            .With("token_hash", order.TokenHash)
            .With("status", OrderStatuses.ToWire(order.Status))
            .With("currency", order.Currency.Code)
            .With("subtotal", order.Subtotal.Minor)
            .With("shipping", order.Shipping.Minor)
            .With("discount", order.Discount.Minor)
            .With("tax", order.Tax.Minor)
            .With("tax_inclusive", order.TaxInclusive)
            .With("total", order.Total.Minor)
            .With("email", order.Email)
            .With("ship_name", address?.Name)
            .With("ship_line1", address?.Line1)
            .With("ship_line2", address?.Line2)
            .With("ship_city", address?.City)
            .With("ship_region", address?.Region)
            .With("ship_postal_code", address?.PostalCode)
            .With("ship_country", address?.Country)
            .With("locale", order.Locale)
            .With("created_at", order.CreatedAt)
            .With("updated_at", order.UpdatedAt)
            .With("reserved_until", order.ReservedUntil)
            .With("paid_at", order.PaidAt)
            .With("payment_provider", order.PaymentProvider)
            .With("payment_id", order.PaymentId)
            .With("client_secret", order.ClientSecret)
            .With("payment_error_code", error?.Code)
            .With("payment_error_decline_code", error?.DeclineCode)
            .With("payment_error_message", error?.Message)
            .With("refunded_amount", order.RefundedAmount)
            .With("status_reason", order.StatusReason)
            .With("refund_due", order.RefundDue)
            .With("units_returned", order.UnitsReturned)
            .With("receipt_withheld", order.ReceiptWithheld)
            .With("reconcile_after", order.ReconcileAfter)
            .With("version", order.Version);
    }

    // The table keeps one currency code per order, so an amount in another currency could not be read back.
    private static void EnsureOneCurrency(Order order)
    {
        var currency = order.Currency;
        Money[] amounts = [order.Subtotal, order.Shipping, order.Discount, order.Tax, .. order.Lines.Select(line => line.UnitPrice)];
        if (amounts.Any(amount => amount.Currency != currency))
        {
            throw new ArgumentException($"Every amount of order {order.Id} must be in its currency, {currency.Code}.", nameof(order));
        }
    }
}
