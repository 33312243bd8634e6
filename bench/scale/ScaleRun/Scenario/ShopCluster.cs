using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Jamcart.Payments.Sandbox;

namespace Jamcart.Bench.Scale;

/// <summary>
/// Everything the buyers talk to: the sandbox provider (in this process, its webhooks going to one instance), the
/// functions instances as separate processes on one PostgreSQL database, and two rebuild workers (<c>jamcart worker</c>)
/// publishing to one folder, the first active and the second its standby. Requests go round robin to the live
/// instances, as a load balancer with health checks sends them.
/// </summary>
internal sealed class ShopCluster : IAsyncDisposable
{
    public const string AdminKey = "scale-run-admin-key-0123456789abcdef0123";
    public const string ActiveLine = "Rebuild worker active";

    private readonly List<ChildProcess> _processes = [];
    private readonly List<FunctionsInstance> _instances = [];
    private int _next = -1;

    private ShopCluster(ScaleOptions options, ScaleStore store, SandboxServer sandbox)
    {
        Options = options;
        Store = store;
        Sandbox = sandbox;
    }

    public ScaleOptions Options { get; }

    public ScaleStore Store { get; }

    public SandboxServer Sandbox { get; }

    public IReadOnlyList<FunctionsInstance> Instances => _instances;

    public ChildProcess ActiveWorker { get; private set; } = null!;

    public ChildProcess StandbyWorker { get; private set; } = null!;

    /// <summary>Where the workers publish: the site as a CDN would serve it.</summary>
    public string PublishedRoot => Path.Combine(Options.WorkFolder, "www");

    public string LogFolder => Path.Combine(Options.WorkFolder, "logs");

    /// <summary>Syncs the catalog (<c>jamcart build</c>), then starts the provider, the instances and the workers.</summary>
    public static async Task<ShopCluster> StartAsync(ScaleOptions options, ScaleStore store, CancellationToken cancellationToken)
    {
        var free = FreePorts(options.Instances + 1);
        var ports = free.Skip(1).ToList();
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = free[0],
            WebhookUrl = new Uri($"http://127.0.0.1:{ports[options.WebhookInstance]}/api/webhooks/stripe"),
        }, cancellationToken);
        var cluster = new ShopCluster(options, store, sandbox);
        try
        {
            await cluster.BuildAsync(cancellationToken);
            await Task.WhenAll(ports.Select((port, index) => cluster.StartInstanceAsync(index, port, cancellationToken)));
            await cluster.StartWorkersAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next live instance, round robin.</summary>
    public FunctionsInstance Next()
    {
        for (var tries = 0; tries < _instances.Count; tries++)
        {
            var instance = _instances[(int)((uint)Interlocked.Increment(ref _next) % (uint)_instances.Count)];
            if (instance.Alive)
            {
                instance.Counted();
                return instance;
            }
        }

        throw new InvalidOperationException("no functions instance is alive");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        await using var build = ChildProcess.Start("build", Options.Jamcart,
            ["build", Store.Root, "-o", Path.Combine(Options.WorkFolder, "built"), "--quiet"],
            new Dictionary<string, string> { ["JAMCART_DATABASE"] = Options.Database },
            Path.Combine(LogFolder, "build.log"));
        var exit = await build.WaitForExitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"jamcart build exited with {exit}:\n{build.Output}");
        }
    }

    private async Task StartInstanceAsync(int index, int port, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = Track(ChildProcess.Start($"functions-{index + 1}", Options.Functions, [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["JAMCART_DATABASE"] = Options.Database,
            ["JAMCART_ADMIN_KEY"] = AdminKey,
            ["Jamcart__Payments__Provider"] = "sandbox",
            ["Jamcart__Payments__SecretKey"] = Sandbox.SecretKey,
            ["Jamcart__Payments__PublishableKey"] = Sandbox.PublishableKey,
            ["Jamcart__Payments__WebhookSecrets__0"] = Sandbox.WebhookSecret,
            ["Jamcart__Payments__ApiBase"] = Sandbox.BaseUrl.ToString(),
            // Behind a load balancer on loopback that names each buyer; the default limits per buyer, shared by the
            // instances as they should be when there are several.
            ["Jamcart__TrustedProxies__0"] = "127.0.0.1",
            ["Jamcart__RateLimit__Shared"] = "true",
            ["Jamcart__Background__ReconcileInterval"] = Setting(Options.ReconcileInterval),
            ["Jamcart__Checkout__PaymentCreationGrace"] = Setting(Options.PaymentCreationGrace),
            ["Jamcart__Checkout__ReservationTime"] = Setting(Options.ReservationTime),
            ["Jamcart__Checkout__ReconcileRetryDelay"] = Setting(TimeSpan.FromSeconds(2)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Jamcart.Checkout.UseCases.Reconcile"] = "Information",
        }, Path.Combine(LogFolder, $"functions-{index + 1}.log")));
        lock (_instances)
        {
            _instances.Add(new FunctionsInstance(index, process, address));
            _instances.Sort((a, b) => a.Index.CompareTo(b.Index));
        }

        // From the process itself: another program on the port would answer the health check too.
        await process.WaitForLineAsync(line => line.Contains("Now listening on: " + address.ToString().TrimEnd('/'), StringComparison.Ordinal),
            TimeSpan.FromMinutes(1), "it to listen", cancellationToken);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            if (process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.Name} did not start:\n{process.Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task StartWorkersAsync(CancellationToken cancellationToken)
    {
        ActiveWorker = StartWorker("worker-a");
        await ActiveWorker.WaitForLineAsync(line => line.Contains(ActiveLine, StringComparison.Ordinal), TimeSpan.FromMinutes(1), "the lease", cancellationToken);
        var catalog = Path.Combine(PublishedRoot, "catalog.json");
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (!File.Exists(catalog))
        {
            if (ActiveWorker.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"worker-a published nothing:\n{ActiveWorker.Output}");
            }

            await Task.Delay(50, cancellationToken);
        }

        StandbyWorker = StartWorker("worker-b");
        await StandbyWorker.WaitForLineAsync(line => line.StartsWith("Rebuild worker for", StringComparison.Ordinal), TimeSpan.FromMinutes(1), "its start", cancellationToken);
    }

    private ChildProcess StartWorker(string name) =>
        Track(ChildProcess.Start(name, Options.Jamcart,
            ["worker", Store.Root, "-o", Path.Combine(Options.WorkFolder, name), "--to", PublishedRoot, "--database", Options.Database, "--verbose"],
            new Dictionary<string, string>(),
            Path.Combine(LogFolder, name + ".log")));

    private ChildProcess Track(ChildProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private static string Setting(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Loopback ports free right now, all different: held open together while they are chosen.</summary>
    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
