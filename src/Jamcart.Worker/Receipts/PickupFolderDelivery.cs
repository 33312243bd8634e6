using MimeKit;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// Writes each receipt as an <c>.eml</c> file named for its Message-ID into a folder (<c>jamcart dev</c> without SMTP):
/// open it in any mail program. A receipt written again replaces its file, so the folder holds one per order.
/// </summary>
public sealed class PickupFolderDelivery(string folder) : IReceiptDelivery
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string Description => $"folder {Folder}";

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var name = FileNameOf(message.MessageId ?? throw new ArgumentException("a receipt always has a Message-ID", nameof(message)));
        var path = Path.Combine(Folder, name);
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            // An SMTP client picks the transfer encoding the server supports; a file has no server to ask, and some
            // readers take an 8-bit part without a Content-Transfer-Encoding for ASCII: seven bits read everywhere.
            message.Prepare(EncodingConstraint.SevenBit);
            await using (var file = File.Create(temporary))
            {
                await message.WriteToAsync(file, cancellationToken);
            }

            // A reader never sees half a message: the file appears whole or not at all.
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReceiptDeliveryException($"cannot write {name} into {Folder}: {e.Message}", permanent: false, e);
        }
    }

    private static string FileNameOf(string messageId)
    {
        var local = messageId.Split('@')[0];
        var invalid = Path.GetInvalidFileNameChars();
        return new string([.. local.Select(c => invalid.Contains(c) ? '_' : c)]) + ".eml";
    }
}
