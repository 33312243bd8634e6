using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Webhooks;

/// <summary>One event waiting to reach the webhook endpoint: how often it was tried and when it is due next.</summary>
internal sealed class WebhookDelivery(EventRecord record, DateTimeOffset dueAt, long sequence)
{
    public EventRecord Event => record;

    public long Sequence => sequence;

    public DateTimeOffset DueAt { get; set; } = dueAt;

    public int Attempts { get; set; }
}
