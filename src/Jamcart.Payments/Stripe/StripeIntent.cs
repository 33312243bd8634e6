using Jamcart.Checkout.Payments;

namespace Jamcart.Payments.Stripe;

/// <summary>A PaymentIntent as either client of <see cref="IStripeApi"/> read it: the fields Jamcart uses, amounts in Stripe's unit.</summary>
/// <param name="OrderId">The <c>order_id</c> metadata.</param>
/// <param name="AmountRefunded">From the expanded latest charge; null when it was not expanded or there is none.</param>
internal sealed record StripeIntent(
    string? Id,
    string? Status,
    long Amount,
    string? Currency,
    string? OrderId,
    string? ClientSecret,
    PaymentError? LastError,
    long? AmountRefunded);
