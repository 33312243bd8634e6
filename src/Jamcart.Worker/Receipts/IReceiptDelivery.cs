using MimeKit;

namespace Jamcart.Worker.Receipts;

/// <summary>Where a rendered receipt goes: an SMTP server, or a pickup folder of <c>.eml</c> files for local development.</summary>
public interface IReceiptDelivery
{
    /// <summary>Where messages go, for logs (never a password).</summary>
    string Description { get; }

    /// <summary>Hands <paramref name="message"/> over; returns once the other side has accepted it.</summary>
    /// <exception cref="ReceiptDeliveryException">Not accepted; <see cref="ReceiptDeliveryException.Permanent"/> says whether trying again can help.</exception>
    Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken);
}
