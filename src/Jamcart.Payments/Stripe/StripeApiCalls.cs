using System.Net;
using System.Text.Json.Serialization.Metadata;

using Jamcart.Payments.Stripe.Wire;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The adapter's calls, written once: their paths, bodies (<see cref="StripeFormBody"/>) and how their answers are
/// read (<see cref="StripeJsonContext"/>). The two clients differ only in how a request travels (<see cref="GetAsync"/>
/// and <see cref="PostAsync"/>): through Stripe.net (<see cref="StripeNetApi"/>) or the adapter's own HTTP code
/// (<see cref="StripeApiClient"/>).
/// </summary>
internal abstract class StripeApiCalls : IStripeApi
{
    /// <summary>Refunds per page of a list: Stripe's most, since a payment seldom has more and each page is a round trip.</summary>
    private const int RefundPageSize = 100;

    public async Task<StripeIntent> CreatePaymentIntentAsync(
        long amount,
        string currency,
        string? description,
        IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var body = StripeFormBody.ForPaymentIntent(amount, currency, description, metadata);
        return StripePaymentMapping.ToIntent(await PostAsync("/v1/payment_intents", body, idempotencyKey, StripeJsonContext.Default.PaymentIntentObject, cancellationToken));
    }

    public async Task<StripeIntent> GetPaymentIntentAsync(string paymentIntentId, bool withLatestCharge, CancellationToken cancellationToken)
    {
        var path = $"/v1/payment_intents/{PathSegment(paymentIntentId)}{(withLatestCharge ? "?expand[0]=latest_charge" : "")}";
        return StripePaymentMapping.ToIntent(await GetAsync(path, StripeJsonContext.Default.PaymentIntentObject, cancellationToken));
    }

    public async Task<StripeIntent> CancelPaymentIntentAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        StripePaymentMapping.ToIntent(await PostAsync($"/v1/payment_intents/{PathSegment(paymentIntentId)}/cancel", null, idempotencyKey, StripeJsonContext.Default.PaymentIntentObject, cancellationToken));

    public async Task<StripeRefund> CreateRefundAsync(
        string paymentIntentId,
        long? amount,
        string? reason,
        IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var body = StripeFormBody.ForRefund(paymentIntentId, amount, reason, metadata);
        return StripePaymentMapping.ToRefund(await PostAsync("/v1/refunds", body, idempotencyKey, StripeJsonContext.Default.RefundObject, cancellationToken));
    }

    public async Task<StripeRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        StripePaymentMapping.ToRefund(await GetAsync($"/v1/refunds/{PathSegment(refundId)}", StripeJsonContext.Default.RefundObject, cancellationToken));

    public async Task<IReadOnlyList<StripeRefund>> ListRefundsAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var refunds = new List<StripeRefund>();
        string? after = null;
        while (true)
        {
            // The query as Stripe.net's RefundService.ListAsync writes RefundListOptions { PaymentIntent, Limit, StartingAfter }:
            // the options' own members first, then those of the list options they extend.
            var query = $"?payment_intent={QueryValue(paymentIntentId)}&limit={RefundPageSize}{(after is null ? "" : "&starting_after=" + QueryValue(after))}";
            var page = await GetAsync("/v1/refunds" + query, StripeJsonContext.Default.RefundListObject, cancellationToken);
            var data = page.Data ?? [];
            refunds.AddRange(data.Select(StripePaymentMapping.ToRefund));
            if (!page.HasMore || data.Count == 0 || data[^1].Id is not { } last)
            {
                return refunds;
            }

            after = last;
        }
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> and reads the answer as <typeparamref name="T"/>.</summary>
    /// <exception cref="StripeApiException">Stripe answered with an error, or with a body that is not a <typeparamref name="T"/>.</exception>
    /// <exception cref="HttpRequestException">Stripe could not be reached, after the retries.</exception>
    /// <exception cref="OperationCanceledException">The caller canceled, or an attempt timed out (not the caller's token).</exception>
    public abstract Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> answer, CancellationToken cancellationToken);

    /// <summary>POSTs a form body (empty when null) under an idempotency key (a new one when null) and reads the answer.</summary>
    /// <inheritdoc cref="GetAsync{T}" path="/exception"/>
    public abstract Task<T> PostAsync<T>(string path, StripeFormBody? body, string? idempotencyKey, JsonTypeInfo<T> answer, CancellationToken cancellationToken);

    public abstract void Dispose();

    /// <summary>A query value as Stripe.net's form encoder writes it.</summary>
    private static string QueryValue(string value) => WebUtility.UrlEncode(value);

    /// <summary>A path segment as Stripe.net writes an id into a path.</summary>
    private static string PathSegment(string id) => WebUtility.UrlEncode(id);
}
