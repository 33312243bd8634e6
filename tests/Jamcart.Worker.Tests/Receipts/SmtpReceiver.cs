using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

using MimeKit;

using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Jamcart.Worker.Tests.Receipts;

/// <summary>
/// A real SMTP server on a loopback port of the test process (the SmtpServer package), which MailKit delivers to over
/// TCP. It keeps every accepted message, refuses chosen addresses for good (550 at RCPT) and can fail the next
/// deliveries for a while (451 after DATA), as a busy relay does.
/// </summary>
internal sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _messages = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _failures;
    private int _attempts;

    private SmtpReceiver(int port) => Port = port;

    public int Port { get; }

    /// <summary>What <c>JAMCART_SMTP_URL</c> would hold to reach this server.</summary>
    public string Url => $"smtp://127.0.0.1:{Port}";

    /// <summary>Messages accepted with a 250, in the order they came.</summary>
    /// <remarks>Parsed when asked for, not as they come: the many-instances test shares this process's CPU with its buyers.</remarks>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages.Select(bytes => MimeMessage.Load(new MemoryStream(bytes)))];

    /// <summary>Every DATA the server was sent, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<SmtpReceiver> StartAsync()
    {
        // The package cannot report a port it was given as 0: take a free one from the system first.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var receiver = new SmtpReceiver(port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(receiver));
        services.Add(new Filter(receiver));
        var server = new SmtpServer.SmtpServer(options, services);
        receiver._running = server.StartAsync(receiver._stop.Token);
        await receiver.WaitUntilListeningAsync();
        return receiver;
    }

    /// <summary>Answers 550 to RCPT TO for <paramref name="address"/> from now on.</summary>
    public void Refuse(string address) => _refused[address] = true;

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

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
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

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            receiver._refused.ContainsKey(to.AsAddress())
                ? throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "No such user here"))
                : Task.FromResult(true);
    }
}
