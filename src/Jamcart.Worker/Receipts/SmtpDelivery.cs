using System.Net.Sockets;

using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

using MimeKit;

namespace Jamcart.Worker.Receipts;

/// <summary>Delivers receipts to an SMTP server through MailKit, one connection per receipt (receipts come one sale at a time).</summary>
public sealed class SmtpDelivery(SmtpSettings settings) : IReceiptDelivery
{
    public string Description => settings.Description;

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.UserName is not null)
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // The server said no for good to this address or this message. A refused sender is left out on purpose:
            // that is the shop's configuration, wrong for every receipt until fixed, so those wait and are retried.
            throw new ReceiptDeliveryException($"refused with {(int)e.StatusCode} ({e.ErrorCode}): {FirstLine(e.Message)}", permanent: true, e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
            or ServiceNotConnectedException or IOException or SocketException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ReceiptDeliveryException($"{settings.Description}: {FirstLine(e.Message)}", permanent: false, e);
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or TimeoutException)
        {
            // The server accepted the message with its 250 already: a QUIT that fails must not send the receipt twice.
        }
    }

    // Server replies may run to several lines; one is enough for a log, and keeps addresses a server echoes short.
    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
