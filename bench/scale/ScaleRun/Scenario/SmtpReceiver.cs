using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Jamcart.Bench.Scale;

/// <summary>
/// The buyers' mail server: a real SMTP server on a loopback port (the SmtpServer package) that the receipt senders'
/// MailKit client delivers to over TCP, for the scale run and the receipt tests. It keeps every accepted message,
/// can refuse chosen addresses for good (550 at RCPT), greylist them (450 at RCPT, once) and fail the next deliveries
/// for a while (451 after DATA), as a busy relay does. Its refusals and deferrals at RCPT repeat the address, as
/// Postfix's do.
/// </summary>
internal sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _messages = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _greylisted = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _failures;
    private int _attempts;

    private SmtpReceiver(int port) => Port = port;

    public int Port { get; }

    /// <summary>What <c>JAMCART_SMTP_URL</c> holds to reach this server.</summary>
    public string Url => $"smtp://127.0.0.1:{Port}";

    /// <summary>Messages accepted with a 250, as sent, in the order they came.</summary>
    /// <remarks>Kept as bytes and parsed by whoever asks: the scale run shares this process's CPU with its buyers.</remarks>
    public IReadOnlyList<byte[]> RawMessages => [.. _messages];

    /// <summary>The Message-ID of every message accepted, one per delivery (a resent receipt appears twice).</summary>
    public IReadOnlyList<string> MessageIds => [.. _messages.Select(MessageIdOf)];

    /// <summary>Every DATA the server was sent, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<SmtpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        // The package cannot report a port it was given as 0: take a free one from the system first.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var receiver = new SmtpReceiver(port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(receiver));
        services.Add(new Filter(receiver));
        receiver._running = new SmtpServer.SmtpServer(options, services).StartAsync(receiver._stop.Token);
        await receiver.WaitUntilListeningAsync(cancellationToken);
        return receiver;
    }

    /// <summary>Answers 550 to RCPT TO for <paramref name="address"/> from now on.</summary>
    public void Refuse(string address) => _refused[address] = true;

    /// <summary>Answers 450 to the next RCPT TO for <paramref name="address"/>, and accepts it after that.</summary>
    public void Greylist(string address) => _greylisted[address] = true;

    /// <summary>Answers 451 to the next <paramref name="count"/> messages.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failures, count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    // Only the header is read.
    private static string MessageIdOf(byte[] message)
    {
        var text = Encoding.ASCII.GetString(message, 0, Math.Min(message.Length, 8192));
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
            {
                return line["Message-ID:".Length..].Trim();
            }
        }

        return "";
    }

    private sealed class Store(SmtpReceiver receiver) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref receiver._attempts);
            if (Interlocked.Decrement(ref receiver._failures) >= 0)
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "Requested action aborted: try again later"));
            }

            Interlocked.Exchange(ref receiver._failures, 0);
            receiver._messages.Enqueue(buffer.ToArray());
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(SmtpReceiver receiver) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (receiver._refused.ContainsKey(address))
            {
                throw new SmtpResponseException(new SmtpResponse(
                    SmtpReplyCode.MailboxUnavailable, $"5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"));
            }

            if (receiver._greylisted.TryRemove(address, out _))
            {
                throw new SmtpResponseException(new SmtpResponse(
                    (SmtpReplyCode)450, $"4.2.0 <{address}>: Recipient address rejected: Greylisted, try again later"));
            }

            return Task.FromResult(true);
        }
    }
}
