namespace Jamcart.Checkout.Storage;

/// <summary>An outbox message as stored, waiting for its consumer.</summary>
public sealed record OutboxEntry(long Id, OutboxMessage Message, DateTimeOffset CreatedAt, int Attempts);
