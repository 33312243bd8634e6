using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A PaymentIntent's state. Mutated only under <see cref="SandboxLedger.Gate"/>.</summary>
internal sealed class PaymentIntentRecord
{
    public required string Id { get; init; }

    public required string ClientSecret { get; init; }

    public required long Amount { get; init; }

    public required StripeCurrency Currency { get; init; }

    public required long Created { get; init; }

    public string Status { get; set; } = PaymentIntentStatus.RequiresPaymentMethod;

    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    public string? Description { get; set; }

    public string? ReceiptEmail { get; set; }

    public string? StatementDescriptor { get; set; }

    public string? StatementDescriptorSuffix { get; set; }

    public string? SetupFutureUsage { get; set; }

    public string CaptureMethod { get; init; } = "automatic_async";

    public string ConfirmationMethod { get; init; } = "automatic";

    public IReadOnlyList<string> PaymentMethodTypes { get; init; } = ["card"];

    public bool AutomaticPaymentMethods { get; init; }

    public PaymentMethodRecord? PaymentMethod { get; set; }

    public string? LatestChargeId { get; set; }

    public long AmountReceived { get; set; }

    public PaymentErrorRecord? LastPaymentError { get; set; }

    public ThreeDSecureChallenge? Challenge { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary>The API version of the request that last moved it, used for the events its 3-D Secure step raises later.</summary>
    public required string ApiVersion { get; set; }

    /// <summary>Set when the last confirmation was made off-session, where 3-D Secure cannot be asked for.</summary>
    public bool OffSession { get; set; }
}
