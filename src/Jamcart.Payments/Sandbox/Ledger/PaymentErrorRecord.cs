namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A PaymentIntent's <c>last_payment_error</c>: why its last attempt failed.</summary>
/// <param name="Type"><c>card_error</c> for a decline, <c>invalid_request_error</c> for failed authentication, as Stripe types them.</param>
internal sealed record PaymentErrorRecord(string Type, string Code, string? DeclineCode, string Message)
{
    public string? Param { get; init; }

    public string? ChargeId { get; init; }

    public PaymentMethodRecord? PaymentMethod { get; init; }
}
