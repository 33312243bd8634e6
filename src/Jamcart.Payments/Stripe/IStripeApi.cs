namespace Jamcart.Payments.Stripe;

/// <summary>
/// The few calls the adapter makes to Stripe's API, with two clients behind them: Stripe.net (<see cref="StripeNetApi"/>)
/// and the adapter's own (<see cref="StripeApiClient"/>) for builds compiled ahead of time (see <see cref="StripeNetSwitch"/>).
/// </summary>
/// <remarks>
/// Both send the same requests (the tests compare them byte for byte), retry the same way, and report Stripe's refusals
/// as <see cref="StripeApiException"/>, a network failure as <see cref="HttpRequestException"/> and an attempt that ran out
/// of time as an <see cref="OperationCanceledException"/> not of the caller's token, so that the adapter translates
/// them in one place.
/// </remarks>
internal interface IStripeApi : IDisposable
{
    /// <summary>Creates a card-only PaymentIntent; its metadata is sent in the dictionary's order.</summary>
    /// <param name="amount">In Stripe's unit of <paramref name="currency"/>.</param>
    /// <param name="currency">Stripe's lower-case currency code.</param>
    Task<StripeIntent> CreatePaymentIntentAsync(
        long amount,
        string currency,
        string? description,
        IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey,
        CancellationToken cancellationToken);

    /// <param name="withLatestCharge">Expands the latest charge, which alone says how much was refunded.</param>
    Task<StripeIntent> GetPaymentIntentAsync(string paymentIntentId, bool withLatestCharge, CancellationToken cancellationToken);

    Task<StripeIntent> CancelPaymentIntentAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Creates a refund; its metadata is sent in the dictionary's order.</summary>
    /// <param name="amount">In Stripe's unit; null refunds whatever is left.</param>
    Task<StripeRefund> CreateRefundAsync(
        string paymentIntentId,
        long? amount,
        string? reason,
        IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey,
        CancellationToken cancellationToken);

    Task<StripeRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken);

    /// <summary>Every refund of a PaymentIntent, newest first: Stripe's list, page after page until it has no more.</summary>
    Task<IReadOnlyList<StripeRefund>> ListRefundsAsync(string paymentIntentId, CancellationToken cancellationToken);
}
