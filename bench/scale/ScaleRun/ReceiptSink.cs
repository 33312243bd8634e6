using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Jamcart.Bench.Scale;

/// <summary>
/// The buyers' mail server for the run: a real SMTP server on a loopback port (the SmtpServer package) that the
/// workers' receipt senders deliver to, keeping each message's Message-ID. Without it the workers would leave every
/// receipt pending, as they do in production without <c>JAMCART_SMTP_URL</c>.
/// </summary>
internal sealed class ReceiptSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _messageIds = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private ReceiptSink(int port) => Url = $"smtp://127.0.0.1:{port}";

    /// <summary>What <c>JAMCART_SMTP_URL</c> holds to reach this server.</summary>
    public string Url { get; }

    /// <summary>The Message-ID of every message accepted, one per delivery (a resent receipt appears twice).</summary>
    public IReadOnlyList<string> MessageIds => [.. _messageIds];

    public static async Task<ReceiptSink> StartAsync(CancellationToken cancellationToken)
    {
        // The package cannot report a port it was given as 0: take a free one from the system first.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var sink = new ReceiptSink(port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(sink));
        sink._running = new SmtpServer.SmtpServer(options, services).StartAsync(sink._stop.Token);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return sink;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

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

    // Only the header is read: the run's CPU belongs to the buyers and the instances.
    private static string MessageIdOf(ReadOnlySequence<byte> message)
    {
        var text = Encoding.ASCII.GetString(message.Slice(0, Math.Min(message.Length, 8192)));
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

    private sealed class Store(ReceiptSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            sink._messageIds.Enqueue(MessageIdOf(buffer));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
