namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// Stripe's idempotency: the first response for a key (per API key) is saved for 24 hours and replayed to every
/// retry with the same endpoint and parameters; other parameters are an <c>idempotency_error</c>, and a retry that
/// arrives while the first is still running gets 409, as Stripe answers it.
/// </summary>
internal sealed class IdempotencyStore(TimeProvider timeProvider)
{
    public const int MaxKeyLength = 255;

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Scope, string Key), Entry> _entries = [];

    /// <summary>A claim on a key: either this request runs and <see cref="Complete"/>s it, or it replays <see cref="Replay"/>.</summary>
    public sealed class Claim
    {
        internal Claim((string Scope, string Key) id, StoredResponse? replay)
        {
            Id = id;
            Replay = replay;
        }

        internal (string Scope, string Key) Id { get; }

        public StoredResponse? Replay { get; }
    }

    /// <exception cref="SandboxApiException">Other parameters or endpoint (400), or the first request still running (409).</exception>
    public Claim Begin(string scope, string key, string endpoint, string fingerprint)
    {
        var id = (scope, key);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry) && now - entry.Created >= Lifetime)
            {
                _entries.Remove(id);
                entry = null;
            }

            if (entry is null)
            {
                _entries[id] = new Entry(endpoint, fingerprint, now);
                return new Claim(id, null);
            }

            if (entry.Endpoint != endpoint)
            {
                throw StripeErrors.IdempotencyEndpointDiffers(key, entry.Endpoint, endpoint);
            }

            if (entry.Fingerprint != fingerprint)
            {
                throw StripeErrors.IdempotencyParametersDiffer(key);
            }

            return entry.Response is { } response ? new Claim(id, response) : throw StripeErrors.IdempotencyInProgress(key);
        }
    }

    /// <summary>Saves the response for replay.</summary>
    public void Complete(Claim claim, StoredResponse response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Id, out var entry))
            {
                entry.Response = response;
            }
        }
    }

    /// <summary>Forgets a key whose request never started executing (its parameters were refused), so it can be retried.</summary>
    public void Abandon(Claim claim)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Id, out var entry) && entry.Response is null)
            {
                _entries.Remove(claim.Id);
            }
        }
    }

    private sealed class Entry(string endpoint, string fingerprint, DateTimeOffset created)
    {
        public string Endpoint => endpoint;

        public string Fingerprint => fingerprint;

        public DateTimeOffset Created => created;

        public StoredResponse? Response { get; set; }
    }
}
