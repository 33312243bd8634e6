namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>
/// An event: its type, the object as it was at that moment (a snapshot, never changed), and which request caused
/// it. Only <see cref="PendingWebhooks"/> changes, as deliveries succeed or are given up.
/// </summary>
internal sealed class EventRecord
{
    private int _pendingWebhooks;

    public required string Id { get; init; }

    public required string Type { get; init; }

    public required long Created { get; init; }

    /// <summary>Creation order, to list events newest first when several share a second.</summary>
    public required long Sequence { get; init; }

    public required string ApiVersion { get; init; }

    /// <summary>The object's JSON when the event happened; a string, so readers on any thread share it safely.</summary>
    public required string Snapshot { get; init; }

    public string? RequestId { get; init; }

    public string? IdempotencyKey { get; init; }

    public int PendingWebhooks
    {
        get => Volatile.Read(ref _pendingWebhooks);
        set => Volatile.Write(ref _pendingWebhooks, value);
    }
}
