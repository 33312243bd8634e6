using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>Requests as the checkout makes them: a fresh order id and the idempotency key derived from it.</summary>
internal static class ContractRequests
{
    public static CreatePaymentRequest NewPayment(Money amount)
    {
        var orderId = "ord_" + Guid.NewGuid().ToString("N")[..20];
        return new CreatePaymentRequest(orderId, amount, $"order:{orderId}:create");
    }

    public static Money Usd(long cents) => new(cents, Currency.USD);
}
