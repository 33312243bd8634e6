using Jamcart.Worker.Receipts;

namespace Jamcart.Cli.Rebuild;

/// <summary>
/// How a CLI process delivers receipts: to the SMTP server of <c>JAMCART_SMTP_URL</c> when it is set; otherwise into
/// <c>.jamcart/receipts/</c> as <c>.eml</c> files under <c>jamcart dev</c>, and nowhere under <c>jamcart worker</c> and
/// <c>serve</c>, whose receipts stay pending in the outbox until a process with SMTP sends them.
/// </summary>
/// <param name="Delivery">Null when receipts are left pending.</param>
/// <param name="Warning">What to tell the operator once at start, or null.</param>
internal sealed record ReceiptSetup(IReceiptDelivery? Delivery, string From, string? Warning)
{
    /// <summary>Where <c>jamcart dev</c> drops receipts when no SMTP server is set, inside the store's sidecar folder.</summary>
    public static string PickupFolder(string storeRoot) => Path.Combine(storeRoot, Dev.DevKeys.Folder, "receipts");

    /// <summary>For <c>jamcart worker</c> and <c>serve</c>: SMTP or nothing, since a shop's receipts must reach buyers.</summary>
    /// <exception cref="ArgumentException"><c>JAMCART_SMTP_URL</c> is set but is not an SMTP URL (the message never quotes it).</exception>
    public static ReceiptSetup ForWorker(string storeRoot)
    {
        var from = ReceiptConfig.FromAddress(storeRoot);
        return Smtp() is { } smtp
            ? new ReceiptSetup(new SmtpDelivery(smtp), from, null)
            : new ReceiptSetup(null, from,
                $"{SmtpSettings.EnvironmentVariable} is not set: receipts are not sent, they wait in the outbox until a worker with it runs");
    }

    /// <summary>For <c>jamcart dev</c>: SMTP when set (a local catcher such as maildev), otherwise the pickup folder.</summary>
    /// <exception cref="ArgumentException"><c>JAMCART_SMTP_URL</c> is set but is not an SMTP URL.</exception>
    public static ReceiptSetup ForDev(string storeRoot)
    {
        var from = ReceiptConfig.FromAddress(storeRoot);
        return Smtp() is { } smtp
            ? new ReceiptSetup(new SmtpDelivery(smtp), from, null)
            : new ReceiptSetup(new PickupFolderDelivery(PickupFolder(storeRoot)), from, null);
    }

    private static SmtpSettings? Smtp() =>
        Environment.GetEnvironmentVariable(SmtpSettings.EnvironmentVariable) is { Length: > 0 } url ? SmtpSettings.Parse(url) : null;
}
