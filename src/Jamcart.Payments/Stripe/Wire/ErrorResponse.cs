namespace Jamcart.Payments.Stripe.Wire;

/// <summary>The body of a request Stripe refused: <c>{"error": {…}}</c>.</summary>
internal sealed class ErrorResponse
{
    public ErrorObject? Error { get; init; }
}
