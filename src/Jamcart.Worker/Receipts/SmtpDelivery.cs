using System.Collections.Concurrent;
using System.Net.Sockets;

using Jamcart.Checkout.Orders;

using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

using MimeKit;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// Delivers receipts to an SMTP server through MailKit. Connections are kept for the receipts that follow (after a
/// burst of sales they queue up, and a connection per message made the sender fall behind): each delivery takes an
/// idle one or opens one, and gives it back once the server has accepted the message. A connection idle for
/// <see cref="IdleLimit"/> or closed by the server is replaced.
/// </summary>
public sealed class SmtpDelivery(SmtpSettings settings) : IReceiptDelivery, IDisposable
{
    // Under the five minutes RFC 5321 gives a server for closing an idle connection, so a kept one is rarely stale.
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentBag<(SmtpClient Client, long LastUsed)> _idle = [];

    public string Description => settings.Description;

    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        SmtpClient? client = null;
        try
        {
            client = await SendAsync(message, cancellationToken);
            _idle.Add((client, Environment.TickCount64));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // The server said no for good to this address or this message. A refused sender is left out on purpose:
            // that is the shop's configuration, wrong for every receipt until fixed, so those wait and are retried.
            throw new ReceiptDeliveryException($"refused with {(int)e.StatusCode} ({e.ErrorCode}): {Reply(e)}", permanent: true, e);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            throw new ReceiptDeliveryException($"{settings.Description}: {Reply(e)}", permanent: false, e);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle))
        {
            idle.Client.Dispose();
        }
    }

    /// <summary>Sends on a kept connection or a new one; returns the connection, or disposes it when anything failed.</summary>
    private async Task<SmtpClient> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var client = TakeIdle();
        if (client is not null)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
                return client;
            }
            catch (Exception e) when (e is ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException)
            {
                // The server closed the kept connection meanwhile, which shows at MAIL FROM, before the message was
                // sent: once more on a new connection.
                client.Dispose();
            }
            catch
            {
                // Refused or failed mid-transaction: the next receipt starts on a new connection.
                client.Dispose();
                throw;
            }
        }

        client = await ConnectAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private SmtpClient? TakeIdle()
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && Environment.TickCount64 - idle.LastUsed < IdleLimit.TotalMilliseconds)
            {
                return idle.Client;
            }

            // Closed without QUIT: it has nothing in flight, and the server drops it anyway.
            idle.Client.Dispose();
        }

        return null;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.UserName is not null)
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
            or ServiceNotConnectedException or IOException or SocketException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>What the server (or the connection) said, fit for a log.</summary>
    /// <remarks>
    /// Servers echo the address they refuse or defer (Postfix: <c>&lt;minji@example.com&gt;: Recipient address
    /// rejected</c>), and this text ends up in the sender's log and status: every address in it is masked the way the
    /// logs mask the recipient. Replies may run to several lines; the first is enough.
    /// </remarks>
    private static string Reply(Exception e)
    {
        var text = e.Message;
        var end = text.IndexOfAny(['\r', '\n']);
        return EmailMask.MaskWithin(end < 0 ? text : text[..end], stars: 3);
    }
}
