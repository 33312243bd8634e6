using Jamcart.Checkout.Idempotency;

using static Jamcart.Functions.Timing.RequestTimings;

namespace Jamcart.Functions.Timing;

/// <summary>The idempotency records, with every call's duration added to the request's <c>db</c> time.</summary>
internal sealed class TimedIdempotencyStore(IIdempotencyStore inner) : IIdempotencyStore
{
    public Task<IdempotencyClaim> TryClaimAsync(IdempotencyKey key, string requestHash, DateTimeOffset now, TimeSpan lease, TimeSpan retention, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryClaimAsync(key, requestHash, now, lease, retention, cancellationToken));

    public Task<bool> TryStoreAnswerAsync(DeferredClaim claim, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryStoreAnswerAsync(claim, response, now, cancellationToken));

    public Task CompleteAsync(IdempotencyKey key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.CompleteAsync(key, response, now, cancellationToken));

    public Task ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ReleaseAsync(key, cancellationToken));

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.PurgeAsync(before, cancellationToken));
}
