using System.Collections.Concurrent;
using System.Diagnostics;

using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The functions host as its own operating-system process (<see cref="HostBinary"/>), started the way a deployment
/// starts it: settings in the environment.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key-0123456789abcdef01234567";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, Uri address, Action<string>? output)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Receive(e.Data, output);
        process.ErrorDataReceived += (_, e) => Receive(e.Data, output);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output => string.Join('\n', _output);

    public static Task<HostProcess> StartAsync(string database, SandboxServer sandbox, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = Settings(database, sandbox);
        environment["Jamcart__RateLimit__PermitsPerMinute"] = "1000000";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return StartAsync(LoopbackPort.Free(), environment);
    }

    /// <summary>The environment a deployment gives the host: this database, the admin key, and the sandbox as the provider.</summary>
    public static Dictionary<string, string> Settings(string database, SandboxServer sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        return new Dictionary<string, string>
        {
            ["JAMCART_DATABASE"] = database,
            ["JAMCART_ADMIN_KEY"] = AdminKey,
            ["Jamcart__Payments__Provider"] = "sandbox",
            ["Jamcart__Payments__SecretKey"] = sandbox.SecretKey,
            ["Jamcart__Payments__PublishableKey"] = sandbox.PublishableKey,
            ["Jamcart__Payments__WebhookSecrets__0"] = sandbox.WebhookSecret,
            ["Jamcart__Payments__ApiBase"] = sandbox.BaseUrl.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    /// <summary>
    /// Starts <see cref="HostBinary.Path"/> on <paramref name="port"/> with these environment variables and returns
    /// once <c>/api/health</c> answers.
    /// </summary>
    /// <param name="output">Also gets every line the process writes, as it comes.</param>
    public static async Task<HostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment, Action<string>? output = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (OperatingSystem.IsLinux() && LambdaEntry.ForApiTests && environment.TryGetValue("Jamcart__Database", out var database) && IsPostgres(database))
        {
            return await StartAsync(LambdaEntry.StartInfo(LambdaEntry.SharedPackage, port, environment), port, output);
        }

        return await StartAsync(StartInfo(port, environment), port, output);
    }

    /// <summary><see cref="HostBinary.Path"/> to listen on loopback <paramref name="port"/> with these environment variables.</summary>
    public static ProcessStartInfo StartInfo(int port, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var binary = HostBinary.Path;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Where its appsettings.json is, as a deployment runs it.
            WorkingDirectory = System.IO.Path.GetDirectoryName(binary)!,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>
    /// Starts <paramref name="info"/> (its output redirected) for a host that is expected to refuse to start, and waits at
    /// most a minute for it to exit: its exit code and everything it wrote, standard error first.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await error + await output);
    }

    /// <summary>
    /// Starts <paramref name="info"/> as it is (an entry script, a wrapper) and returns once <c>/api/health</c> answers
    /// on loopback <paramref name="port"/>; its output must be redirected.
    /// </summary>
    public static async Task<HostProcess> StartAsync(ProcessStartInfo info, int port, Action<string>? output = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var host = new HostProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}/"), output);
        try
        {
            await host.WaitUntilHealthyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a crash or an out-of-memory kill would: no shutdown code runs.</summary>
    public void Crash() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // SQLite is a file path or a "sqlite:" setting; anything else the host opens with Npgsql.
    private static bool IsPostgres(string database) =>
        !database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) && !database.StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
        && !database.EndsWith(".db", StringComparison.OrdinalIgnoreCase);


    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the last lines of its output were read; waiting for the exit waits for them.
                await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Starting slowly.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the host did not answer /api/health:\n{Output}");
    }

    private void Receive(string? line, Action<string>? output)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            output?.Invoke(line);
        }
    }
}
