using Jamcart.Checkout.Orders;
using Jamcart.Core;

namespace Jamcart.Storage.Tests.Builders;

/// <summary>Orders for tests: a pending won order for the given lines, its amounts consistent; vary it with <c>with</c>.</summary>
internal static class TestOrders
{
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);

    public static Order Pending(DateTimeOffset now, params (string Sku, int Quantity)[] lines)
    {
        var currency = Currency.KRW;
        var orderLines = lines.Select(line => new OrderLine(line.Sku, $"Tea {line.Sku}", line.Quantity, new Money(12000, currency))).ToList();
        var subtotal = Money.Sum(orderLines.Select(line => line.Amount), currency);
        var shipping = new Money(3000, currency);
        return new Order
        {
            Id = OrderIds.NewOrderId(now),
            TokenHash = OrderIds.HashToken(OrderIds.NewToken()),
            Status = OrderStatus.PendingPayment,
            Lines = orderLines,
            Subtotal = subtotal,
            Shipping = shipping,
            Discount = Money.Zero(currency),
            Tax = new Money((subtotal + shipping).Minor / 11, currency),
            TaxInclusive = true,
            Total = subtotal + shipping,
            Email = "buyer@example.com",
            Locale = "ko",
            CreatedAt = now,
            UpdatedAt = now,
            ReservedUntil = now + Hold,
            PaymentProvider = "sandbox",
        };
    }
}
