using System.Diagnostics;

using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The AWS Lambda package's entry point (<c>bootstrap</c>, then <c>run.sh</c>, then the host) started the way Lambda
/// starts it: Lambda's environment variables, the package folder as working directory and, where this machine lets a
/// private mount namespace be made (as root), that folder mounted read-only.
/// </summary>
/// <remarks>
/// <c>JAMCART_LAMBDA_PACKAGE</c> names a folder made by <c>deploy/lambda/package.sh</c>; without it, the package is
/// laid out here from <c>deploy/lambda</c> and <see cref="HostBinary.Path"/>.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LambdaPackageTests(PostgresServer server) : IAsyncLifetime
{
    public const string PackageVariable = "JAMCART_LAMBDA_PACKAGE";

    private SandboxServer _sandbox = null!;
    private string? _laidOut;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _sandbox.StopAsync();
        if (_laidOut is not null)
        {
            Directory.Delete(_laidOut, recursive: true);
        }
    }

    [Fact]
    public async Task the_package_started_as_lambda_starts_it_answers_health_on_postgresql()
    {
        var port = HostProcess.FreePort();
        var entry = Entry(Package(), port, await server.CreateDatabaseAsync());

        await using var host = await HostProcess.StartAsync(entry, port);

        using var http = new HttpClient { BaseAddress = host.Address };
        (await http.GetAsync("/api/health", Ct)).IsSuccessStatusCode.ShouldBeTrue(host.Output);
    }

    [Fact]
    public async Task the_package_started_as_lambda_starts_it_refuses_sqlite_in_one_line()
    {
        var entry = Entry(Package(), HostProcess.FreePort(), "sqlite:" + Path.Combine(Path.GetTempPath(), "jamcart-lambda-never-opened.db"));

        using var process = Process.Start(entry)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
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

        var text = await error + await output;
        process.ExitCode.ShouldNotBe(0, text);
        var refusal = text.Split('\n').Where(line => line.StartsWith("jamcart functions:", StringComparison.Ordinal)).ShouldHaveSingleItem(text);
        refusal.ShouldContain("AWS Lambda cannot keep");
        refusal.ShouldContain("PostgreSQL");
    }

    /// <summary>The package's bootstrap with Lambda's environment, read-only if it can be.</summary>
    private ProcessStartInfo Entry(string package, int port, string database)
    {
        var bootstrap = Path.Combine(package, "bootstrap");
        ProcessStartInfo info;
        if (CanMountReadOnly())
        {
            // A private mount namespace, so the read-only bind mount is seen by this process alone; the write probe
            // proves the host really starts from a folder it cannot write to.
            info = new ProcessStartInfo("unshare");
            foreach (var argument in new[]
            {
                "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" "
                + "&& if touch \"$0/.write-probe\" 2>/dev/null; then echo 'the package folder is writable' >&2; exit 97; fi "
                + "&& exec \"$0/bootstrap\"",
                package,
            })
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            info = new ProcessStartInfo(bootstrap);
        }

        info.WorkingDirectory = package;
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "JAMCART_DATABASE", "JAMCART_ADMIN_KEY" })
        {
            info.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>
        {
            // What Lambda sets for a provided.al2023 function, and the adapter's settings of docs/deploy/lambda.md.
            ["AWS_LAMBDA_FUNCTION_NAME"] = "jamcart-functions",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["LAMBDA_TASK_ROOT"] = package,
            ["LAMBDA_RUNTIME_DIR"] = "/var/runtime",
            ["TZ"] = ":UTC",
            ["LANG"] = "en_US.UTF-8",
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["AWS_LWA_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AWS_LWA_READINESS_CHECK_PATH"] = "/api/health",
            ["AWS_LWA_INVOKE_MODE"] = "buffered",
            ["JAMCART_DATABASE"] = database,
            ["JAMCART_ADMIN_KEY"] = HostProcess.AdminKey,
            ["Jamcart__Payments__Provider"] = "sandbox",
            ["Jamcart__Payments__SecretKey"] = _sandbox.SecretKey,
            ["Jamcart__Payments__PublishableKey"] = _sandbox.PublishableKey,
            ["Jamcart__Payments__WebhookSecrets__0"] = _sandbox.WebhookSecret,
            ["Jamcart__Payments__ApiBase"] = _sandbox.BaseUrl.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The package folder: the one named by <see cref="PackageVariable"/>, or one laid out now.</summary>
    private string Package()
    {
        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } named)
        {
            var folder = Path.GetFullPath(named);
            File.Exists(Path.Combine(folder, "bootstrap")).ShouldBeTrue($"{PackageVariable} names {folder}, which holds no bootstrap");
            return folder;
        }

        if (_laidOut is not null)
        {
            return _laidOut;
        }

        var scripts = Path.Combine(RepositoryRoot(), "deploy", "lambda");
        var package = Directory.CreateTempSubdirectory("jamcart-lambda-").FullName;
        _laidOut = package;
        foreach (var script in new[] { "bootstrap", "run.sh" })
        {
            var copy = Path.Combine(package, script);
            File.Copy(Path.Combine(scripts, script), copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        // A link to the host under test: an apphost finds its assemblies next to the file the link points at.
        var binary = HostBinary.Path;
        File.CreateSymbolicLink(Path.Combine(package, "Jamcart.Functions"), binary);
        File.Copy(Path.Combine(Path.GetDirectoryName(binary)!, "appsettings.json"), Path.Combine(package, "appsettings.json"));
        return package;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Jamcart.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Jamcart.slnx above the test binaries: set " + PackageVariable);
    }

    /// <summary>Whether a private mount namespace can be made here (root, or a container that allows it).</summary>
    private static bool CanMountReadOnly()
    {
        if (!File.Exists("/usr/bin/unshare") && !File.Exists("/bin/unshare"))
        {
            return false;
        }

        using var probe = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--", "true"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }
}
