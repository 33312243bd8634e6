using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>
/// Everything the sandbox knows, in memory: PaymentIntents, PaymentMethods, charges, refunds and events. One lock
/// guards it all; every API call runs start to finish under <see cref="Gate"/>, so a change and the response that
/// shows it can never interleave with another request's.
/// </summary>
internal sealed class SandboxLedger(TimeProvider timeProvider)
{
    private readonly Dictionary<string, PaymentIntentRecord> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaymentMethodRecord> _paymentMethods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargeRecord> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefundRecord> _refunds = new(StringComparer.Ordinal);
    private readonly List<RefundRecord> _refundsInOrder = [];
    private readonly Dictionary<string, DisputeRecord> _disputes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRecord> _eventsById = new(StringComparer.Ordinal);
    private readonly List<EventRecord> _events = [];
    private readonly byte[] _fingerprintKey = RandomNumberGenerator.GetBytes(32);
    private readonly List<ITimer> _scheduled = [];
    private long _sequence;
    private bool _closed;

    public Lock Gate { get; } = new();

    /// <summary>Where the sandbox is reachable, for the 3-D Secure page's address; set once the server listens.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>Called, under the lock, for every event raised; the webhook dispatcher queues it.</summary>
    public Action<EventRecord>? EventRaised { get; set; }

    public TimeProvider Time => timeProvider;

    /// <summary>Now, as Stripe's <c>created</c> fields write it: Unix seconds.</summary>
    public long Now => timeProvider.GetUtcNow().ToUnixTimeSeconds();

    public IReadOnlyList<EventRecord> Events => _events;

    /// <summary>Every refund, in the order they were made (several may share a <c>created</c> second).</summary>
    public IReadOnlyList<RefundRecord> Refunds => _refundsInOrder;

    /// <summary>
    /// Makes <paramref name="change"/> under the lock once <paramref name="delay"/> has passed on the ledger's clock:
    /// what happens to an object later, on the provider's side (a refund the bank turns down). Call it under the lock.
    /// </summary>
    public void Schedule(TimeSpan delay, Action change)
    {
        ITimer? timer = null;
        timer = timeProvider.CreateTimer(
            _ =>
            {
                using (Gate.EnterScope())
                {
                    if (_closed)
                    {
                        return;
                    }

                    _scheduled.Remove(timer!);
                    change();
                }
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _scheduled.Add(timer);
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Drops every scheduled change: the sandbox is stopping.</summary>
    public void Close()
    {
        using (Gate.EnterScope())
        {
            _closed = true;
            foreach (var timer in _scheduled)
            {
                timer.Dispose();
            }

            _scheduled.Clear();
        }
    }

    public void Add(PaymentIntentRecord intent) => _intents.Add(intent.Id, intent);

    public void Add(PaymentMethodRecord paymentMethod) => _paymentMethods.Add(paymentMethod.Id, paymentMethod);

    public void Add(ChargeRecord charge) => _charges.Add(charge.Id, charge);

    public void Add(RefundRecord refund)
    {
        _refunds.Add(refund.Id, refund);
        _refundsInOrder.Add(refund);
    }

    public void Add(DisputeRecord dispute) => _disputes.Add(dispute.Id, dispute);

    public PaymentIntentRecord? FindIntent(string id) => _intents.GetValueOrDefault(id);

    public PaymentMethodRecord? FindPaymentMethod(string id) => _paymentMethods.GetValueOrDefault(id);

    public ChargeRecord? FindCharge(string id) => _charges.GetValueOrDefault(id);

    public RefundRecord? FindRefund(string id) => _refunds.GetValueOrDefault(id);

    public DisputeRecord? FindDispute(string id) => _disputes.GetValueOrDefault(id);

    public EventRecord? FindEvent(string id) => _eventsById.GetValueOrDefault(id);

    /// <summary>
    /// Records an event about <paramref name="snapshot"/> (the object as it is now, already rendered) and hands it to
    /// the webhook dispatcher.
    /// </summary>
    public EventRecord Raise(string type, JsonObject snapshot, RequestContext request)
    {
        var record = new EventRecord
        {
            Id = SandboxIds.New("evt"),
            Type = type,
            Created = Now,
            Sequence = ++_sequence,
            ApiVersion = request.ApiVersion,
            Snapshot = Api.JsonOutput.Serialize(snapshot),
            RequestId = request.RequestId,
            IdempotencyKey = request.IdempotencyKey,
        };
        _events.Add(record);
        _eventsById.Add(record.Id, record);
        EventRaised?.Invoke(record);
        return record;
    }

    /// <summary>
    /// A stable fingerprint of a card number, like Stripe's: the same number always gives the same value, and the
    /// value cannot be turned back into the number.
    /// </summary>
    public string Fingerprint(string number)
    {
        var hash = HMACSHA256.HashData(_fingerprintKey, Encoding.ASCII.GetBytes(number));
        return Convert.ToBase64String(hash)[..16].Replace('+', 'A').Replace('/', 'B');
    }

    /// <summary>A new PaymentMethod that behaves as a test card, as Stripe makes one each time <c>pm_card_visa</c> is used.</summary>
    public PaymentMethodRecord PaymentMethodFor(TestCard card)
    {
        var now = timeProvider.GetUtcNow();
        var paymentMethod = new PaymentMethodRecord
        {
            Id = SandboxIds.New("pm"),
            Created = Now,
            Behavior = card,
            Last4 = card.Number[^4..],
            ExpMonth = now.Month,
            ExpYear = now.Year + 1,
            Fingerprint = Fingerprint(card.Number),
        };
        Add(paymentMethod);
        return paymentMethod;
    }
}
