namespace Jamcart.Checkout.Errors;

/// <summary>No such order, or a wrong or missing order token: the two are indistinguishable on purpose (invariant I6).</summary>
public sealed class OrderNotFoundException()
    : CheckoutException("There is no order with this id and token.");
