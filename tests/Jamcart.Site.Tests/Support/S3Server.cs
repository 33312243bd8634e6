using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Amazon.Runtime;
using Amazon.S3;

namespace Jamcart.Testing;

/// <summary>
/// A real S3-compatible server for tests: npm's <c>s3rver</c> on a loopback port with its data in a temporary folder.
/// The package is installed with npm into a tools folder on first use; when it cannot be, the fixture fails, and with
/// it every test that needs it: those tests are never skipped. Self-contained (BCL, xunit, AWSSDK) so that other test
/// projects can link this file.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private const string Version = "3.7.1";

    private int? _port;
    private Process? _process;
    private string? _folder;

    /// <summary>A server listening on <paramref name="port"/>: to bring up a bucket that a test had unreachable.</summary>
    public static async Task<S3Server> StartOnAsync(int port)
    {
        var server = new S3Server { _port = port };
        await server.InitializeAsync();
        return server;
    }

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");


    public async ValueTask InitializeAsync()
    {
        var script = await InstallAsync();
        _folder = Directory.CreateTempSubdirectory("jamcart-s3-").FullName;
        Port = _port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "-d", _folder, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start s3rver");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A client of this server with its fixed credentials, path-style.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Creates a bucket of its own for one test.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..20];
        using var client = Client();
        await client.PutBucketAsync(name);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The s3rver script, installed with npm into a tools folder shared by test runs when it is not there yet.</summary>
    private static async Task<string> InstallAsync()
    {
        var prefix = Environment.GetEnvironmentVariable("JAMCART_TEST_TOOLS") is { Length: > 0 } tools
            ? Path.Combine(tools, $"s3rver-{Version}")
            : Path.Combine(Path.GetTempPath(), "jamcart-test-tools", $"s3rver-{Version}");
        var script = Path.Combine(prefix, "node_modules", "s3rver", "bin", "s3rver.js");
        if (File.Exists(script))
        {
            return script;
        }

        Directory.CreateDirectory(prefix);
        // Test projects run in parallel: one installs while the others wait on the lock file.
        await using var gate = await LockAsync(Path.Combine(prefix, ".install.lock"));
        if (File.Exists(script))
        {
            return script;
        }

        var start = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix, $"s3rver@{Version}" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"npm could not install s3rver@{Version} (exit {npm.ExitCode}):\n{await output}\n{await error}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("npm is not installed: the S3 publish tests need node and npm (./test.sh installs npm).", e);
        }

        return script;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
