using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jamcart.Payments.Tests;

/// <summary>A request exactly as it arrived: the request line, the headers and the raw body.</summary>
internal sealed record CapturedRequest(string Line, Dictionary<string, string> Headers, string Body);

/// <summary>What the server answers one request with; null drops the connection without an answer.</summary>
internal sealed record CannedAnswer(int Status, string Body, params (string Name, string Value)[] Headers);

/// <summary>
/// A bare HTTP/1.1 server on a loopback port that keeps every request byte for byte and answers as told, one request
/// per connection, so that two clients' requests can be compared exactly.
/// </summary>
internal sealed class CapturingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<CapturedRequest, int, CannedAnswer?> _answer;
    private readonly List<CapturedRequest> _requests = [];
    private readonly Task _loop;

    /// <param name="answer">The answer to a request and its index among all requests so far.</param>
    public CapturingServer(Func<CapturedRequest, int, CannedAnswer?> answer)
    {
        _answer = answer;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(() => ServeAsync(_stop.Token));
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Forgets the requests so far, so the next ones are counted from 0 again.</summary>
    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(stop);
            await using var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, stop);
            int index;
            lock (_requests)
            {
                index = _requests.Count;
                _requests.Add(request);
            }

            if (_answer(request, index) is not { } answer)
            {
                // No answer at all: the connection just ends, as when a network fails mid-request.
                client.Client.LingerState = new LingerOption(true, 0);
                continue;
            }

            var body = Encoding.UTF8.GetBytes(answer.Body);
            var head = new StringBuilder($"HTTP/1.1 {answer.Status} Status\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
            foreach (var (name, value) in answer.Headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), stop);
            await stream.WriteAsync(body, stop);
        }
    }

    private static async Task<CapturedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken stop)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, stop);
            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]).Split("\r\n");
        var headers = head.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = int.Parse(headers.GetValueOrDefault("Content-Length") ?? "0", CultureInfo.InvariantCulture);
        while (received.Count < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer, stop);
            received.AddRange(buffer.AsSpan(0, read));
        }

        return new CapturedRequest(head[0], headers, Encoding.UTF8.GetString([.. received.Skip(headEnd + 4).Take(length)]));
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
