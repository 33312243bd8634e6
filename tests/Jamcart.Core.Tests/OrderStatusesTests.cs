using Shouldly;

namespace Jamcart.Core.Tests;

public class OrderStatusesTests
{
    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Paid)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Expired)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Canceled)]
    [InlineData(OrderStatus.Expired, OrderStatus.Paid)]
    [InlineData(OrderStatus.Expired, OrderStatus.Refunded)]
    [InlineData(OrderStatus.Canceled, OrderStatus.Paid)]
    [InlineData(OrderStatus.Paid, OrderStatus.PartiallyRefunded)]
    [InlineData(OrderStatus.Paid, OrderStatus.Refunded)]
    [InlineData(OrderStatus.PartiallyRefunded, OrderStatus.PartiallyRefunded)]
    [InlineData(OrderStatus.PartiallyRefunded, OrderStatus.Refunded)]
    public void allowed_moves(OrderStatus from, OrderStatus to) => OrderStatuses.CanMove(from, to).ShouldBeTrue();

    [Fact]
    public void a_paid_order_never_becomes_unpaid()
    {
        foreach (var paid in new[] { OrderStatus.Paid, OrderStatus.PartiallyRefunded, OrderStatus.Refunded })
        {
            foreach (var unpaid in new[] { OrderStatus.PendingPayment, OrderStatus.Expired, OrderStatus.Canceled })
            {
                OrderStatuses.CanMove(paid, unpaid).ShouldBeFalse($"{paid} → {unpaid}");
            }
        }
    }

    [Fact]
    public void a_refunded_order_is_final()
    {
        foreach (var to in Enum.GetValues<OrderStatus>())
        {
            OrderStatuses.CanMove(OrderStatus.Refunded, to).ShouldBeFalse(to.ToString());
        }
    }

    [Fact]
    public void nothing_moves_back_to_pending_payment()
    {
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            OrderStatuses.CanMove(from, OrderStatus.PendingPayment).ShouldBeFalse(from.ToString());
        }
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, "pending_payment")]
    [InlineData(OrderStatus.Paid, "paid")]
    [InlineData(OrderStatus.Expired, "expired")]
    [InlineData(OrderStatus.Canceled, "canceled")]
    [InlineData(OrderStatus.Refunded, "refunded")]
    [InlineData(OrderStatus.PartiallyRefunded, "partially_refunded")]
    public void wire_names_round_trip(OrderStatus status, string wire)
    {
        OrderStatuses.ToWire(status).ShouldBe(wire);
        OrderStatuses.TryParse(wire, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Paid")]
    [InlineData("PendingPayment")]
    [InlineData("paid ")]
    public void other_words_are_not_statuses(string? wire) => OrderStatuses.TryParse(wire, out _).ShouldBeFalse();

    [Theory]
    [InlineData(OrderStatus.Paid, true)]
    [InlineData(OrderStatus.PartiallyRefunded, true)]
    [InlineData(OrderStatus.Refunded, false)]
    [InlineData(OrderStatus.PendingPayment, false)]
    public void paid_means_money_is_kept(OrderStatus status, bool paid) => OrderStatuses.IsPaid(status).ShouldBe(paid);
}
