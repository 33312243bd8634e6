using System.Globalization;
using System.Net.Sockets;
using System.Text;

using Jamcart.Cli.Database;
using Jamcart.Site;

namespace Jamcart.Cli.BuildServer;

/// <summary>
/// A build server: a process that keeps one store loaded (<see cref="IncrementalSite"/>) and answers
/// <c>jamcart build</c> of that store and output folder, as Gradle's daemon and .NET's own build servers do, so a
/// rebuild after a small edit costs what changed rather than loading the whole store again.
/// </summary>
/// <remarks>
/// It serves stores whose stock comes from the products' front matter only (a database can change stock with no file
/// changing, and its sync reports belong to the command); it declines anything else and stops. It stops by itself
/// after <see cref="IdleEnvironmentVariable"/> seconds without a build (10 minutes by default), when its store folder
/// or its socket file is gone, and on <c>jamcart build-server shutdown</c>.
/// </remarks>
internal sealed class BuildServerHost : IDisposable
{
    /// <summary>How many seconds a server waits for a build before it stops.</summary>
    public const string IdleEnvironmentVariable = "JAMCART_BUILD_SERVER_IDLE";

    private static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(10);

    private readonly string _store;
    private readonly string _output;
    private readonly string _socket;
    private readonly TimeSpan _idle;
    private readonly CancellationTokenSource _stop = new();
    private Task<(IncrementalSite Site, BuildResult Result)>? _opening;
    private IncrementalSite? _site;
    private long _lastRequest = Environment.TickCount64;

    private BuildServerHost(string store, string output, string socket, TimeSpan idle)
    {
        _store = store;
        _output = output;
        _socket = socket;
        _idle = idle;
    }

    public static async Task<int> RunAsync(string storeRoot, string outputRoot, CancellationToken cancellationToken)
    {
        if (BuildServerAddress.Folder() is not { } folder)
        {
            Log("no private folder for the socket: not starting");
            return ExitCodes.Usage;
        }

        using var host = new BuildServerHost(Path.GetFullPath(storeRoot), Path.GetFullPath(outputRoot),
            BuildServerAddress.SocketOf(folder, storeRoot, outputRoot), IdleTimeout());
        return await host.ServeAsync(cancellationToken);
    }

    private async Task<int> ServeAsync(CancellationToken cancellationToken)
    {
        using var listener = Listen();
        if (listener is null)
        {
            Log("another server answers on the socket: not starting");
            return ExitCodes.Ok;
        }

        TrimLog();
        Log($"serving {_store} → {_output} (idle timeout {_idle.TotalSeconds:F0} s)");
        // Loaded and warmed while no one waits yet; the first build then only looks for what changed since.
        _opening = OpenAsync(cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var watch = WatchAsync(linked.Token);
        try
        {
            while (!linked.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(linked.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                // One client at a time: builds of one folder never overlap, and the next waits in the backlog.
                using (client)
                {
                    await AnswerAsync(client, linked.Token);
                }
            }
        }
        finally
        {
            await _stop.CancelAsync();
            await watch;
            _site?.Dispose();
            RemoveSocket(listener);
            Log("stopped");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Binds the socket; null when a live server already has it. Binding is what decides between two servers starting
    /// at once (it fails when the file exists); a socket file with no one behind it, left by a server that was killed,
    /// is replaced.
    /// </summary>
    private Socket? Listen()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(new UnixDomainSocketEndPoint(_socket));
                listener.Listen(16);
                return listener;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                listener.Dispose();
                if (BuildServerConnection.Ask(_socket, new BuildServerRequest(BuildServerRequest.Ping, "", "")) is not null)
                {
                    return null;
                }

                File.Delete(_socket);
            }
        }

        return null;
    }

    private async Task AnswerAsync(Socket client, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            // A client that connects and says nothing must not hold the server: it has a few seconds to ask.
            client.ReceiveTimeout = 5000;
            var request = BuildServerProtocol.ReadRequest(reader);
            var response = request switch
            {
                { Command: BuildServerRequest.Shutdown } => Stop(),
                { Command: BuildServerRequest.Build } when request.Store == _store && request.Output == _output => await BuildAsync(cancellationToken),
                _ => new BuildServerResponse(BuildServerResponse.Declined),
            };
            BuildServerProtocol.Write(writer, response);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SocketException)
        {
            // A client that sent nonsense, or stopped waiting (Ctrl-C): a build it asked for is done all the same,
            // atomic file by file.
        }

        Interlocked.Exchange(ref _lastRequest, Environment.TickCount64);
    }

    private async Task<BuildServerResponse> BuildAsync(CancellationToken cancellationToken)
    {
        BuildResult result;
        try
        {
            if (_site is null)
            {
                var opening = _opening ?? OpenAsync(cancellationToken);
                _opening = null;
                (_site, result) = await opening;
                if (result.Succeeded)
                {
                    result = await _site.RefreshAsync(cancellationToken);
                }
            }
            else
            {
                result = await _site.RefreshAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreDatabaseException)
        {
            // The client builds by itself and reports the problem as it always does.
            Log($"declined a build: {e.GetType().Name}");
            return Stop(BuildServerResponse.Declined);
        }

        if (result.Succeeded && !_site.StockFromFrontMatter)
        {
            Log("the store's stock comes from a database: a build server does not serve it");
            return Stop(BuildServerResponse.Declined);
        }

        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var elapsed = result.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        Log(errors > 0
            ? $"build failed: {errors} error(s) in {elapsed} ms"
            : $"built: {result.Rendered} rendered, {result.Written} written, {result.Removed} removed in {elapsed} ms");
        return new BuildServerResponse(BuildServerResponse.Built, result);
    }

    private async Task<(IncrementalSite Site, BuildResult Result)> OpenAsync(CancellationToken cancellationToken)
    {
        var options = new BuildOptions(_store, _output)
        {
            CatalogSync = new DatabaseCatalogSync(null, TimeProvider.System, _output),
            ChangeClock = TimeProvider.System,
        };
        var (site, result) = await IncrementalSite.OpenAsync(options, cancellationToken);
        await site.WarmAsync(cancellationToken);
        return (site, result);
    }

    private BuildServerResponse Stop(string status = BuildServerResponse.Stopping)
    {
        _stop.Cancel();
        return new BuildServerResponse(status);
    }

    /// <summary>Stops the server when it has been idle too long, or its store folder or socket file is gone.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(_idle.TotalSeconds / 4, 0.25, 30)));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var idleFor = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastRequest));
                if (idleFor >= _idle || !Directory.Exists(_store) || !File.Exists(_socket))
                {
                    Log(idleFor >= _idle ? "idle: stopping" : "store folder or socket gone: stopping");
                    await _stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void RemoveSocket(Socket listener)
    {
        listener.Dispose();
        File.Delete(_socket);
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>Empties the log a long line of servers appended to (it is opened for appending, so writes go on at its new end).</summary>
    private void TrimLog()
    {
        var log = new FileInfo(BuildServerAddress.LogOf(_socket));
        if (log.Exists && log.Length > 1 << 20)
        {
            File.WriteAllBytes(log.FullName, []);
        }
    }

    private static TimeSpan IdleTimeout() =>
        double.TryParse(Environment.GetEnvironmentVariable(IdleEnvironmentVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultIdle;

    private static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{Environment.ProcessId}] {message}"));
}
