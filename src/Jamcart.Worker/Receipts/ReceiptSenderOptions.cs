namespace Jamcart.Worker.Receipts;

/// <summary>Where receipts come from, how the sender paces itself, and how long it keeps trying.</summary>
public sealed record ReceiptSenderOptions
{
    /// <summary>The store folder: its name, locales, strings and receipt templates.</summary>
    public required string StoreRoot { get; init; }

    /// <summary>The From address; its domain also names every receipt's Message-ID.</summary>
    public required string From { get; init; }

    /// <summary>How often the outbox is read while no receipt is pending.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Receipts taken at most per read of the outbox.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>
    /// Receipts in flight at once. Each waits for its mail server's answers, about 40 ms a message with a relay on
    /// the same network: one at a time caps a shop at some 20 receipts a second, fewer than a busy sale makes.
    /// </summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    public const int DefaultConcurrency = 4;

    /// <summary>How often a standby instance tries to become the active sender.</summary>
    public TimeSpan LeaseRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a first failed delivery, doubled after each next one up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryFirst { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after the payment a receipt that keeps failing is still tried; then it is given up with an error logged,
    /// as a mail server bounces a message it could not deliver for days.
    /// </summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromDays(5);

    /// <summary>The name of the lease that elects the one active sender of a store database.</summary>
    public string LeaseName { get; init; } = "jamcart-receipts";
}
