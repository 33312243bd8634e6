using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// A Stripe API error the sandbox answers with: HTTP status, Stripe's <c>type</c>, <c>code</c>, <c>decline_code</c>,
/// <c>param</c> and message, and for card errors the PaymentIntent and PaymentMethod they concern.
/// </summary>
/// <remarks>
/// <see cref="Replayable"/> is false for errors found while validating parameters: Stripe saves an idempotent result
/// only once the endpoint has started executing, so a request refused for its parameters can be fixed and retried
/// with the same key.
/// </remarks>
internal sealed class SandboxApiException(int status, string type, string message) : Exception(message)
{
    public int Status => status;

    public string Type => type;

    public string? Code { get; init; }

    public string? DeclineCode { get; init; }

    public string? Param { get; init; }

    public string? ChargeId { get; init; }

    public PaymentIntentRecord? PaymentIntent { get; init; }

    public PaymentMethodRecord? PaymentMethod { get; init; }

    public bool Replayable { get; init; } = true;

    /// <summary>Extra response headers Stripe sends with this error (<c>Stripe-Should-Retry</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
