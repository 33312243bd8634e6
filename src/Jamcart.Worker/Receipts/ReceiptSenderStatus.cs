namespace Jamcart.Worker.Receipts;

/// <summary>How the receipt sender is doing, for tests and health output.</summary>
/// <param name="Sent">Receipts the delivery accepted.</param>
/// <param name="Refused">Receipts given up: refused for good by the server, an address that is none, or tried for too long.</param>
/// <param name="Deferred">Failed deliveries put off for a retry.</param>
public sealed record ReceiptSenderStatus(bool Active, long Sent, long Refused, long Deferred, string? LastError)
{
    public static ReceiptSenderStatus Standby { get; } = new(false, 0, 0, 0, null);
}
