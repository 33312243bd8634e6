namespace Jamcart.Payments.Stripe.Wire;

/// <summary>Stripe's error object: the <c>error</c> of a failed request, or a PaymentIntent's <c>last_payment_error</c>.</summary>
internal sealed class ErrorObject
{
    public string? Type { get; init; }

    public string? Code { get; init; }

    public string? DeclineCode { get; init; }

    public string? Message { get; init; }

    public string? Param { get; init; }

    /// <summary>The PaymentIntent a card error is about, as Stripe includes it in the error.</summary>
    public PaymentIntentObject? PaymentIntent { get; init; }
}
