using System.Diagnostics;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The AWS Lambda package's entry point (<c>bootstrap</c>, then <c>run.sh</c>, then the host) started the way Lambda
/// starts it: Lambda's environment variables, the package folder as working directory and, where this machine lets a
/// private mount namespace be made (as root), that folder mounted read-only.
/// </summary>
/// <remarks>
/// <c>JAMCART_LAMBDA_PACKAGE</c> names a folder made by <c>deploy/lambda/package.sh</c>; without it, a package is laid
/// out from <c>deploy/lambda</c> and <see cref="HostBinary.Path"/>. With <c>JAMCART_FUNCTIONS_LAMBDA=1</c> beside
/// <see cref="HostBinary.Variable"/>, every API test class on PostgreSQL starts its host through this entry point
/// (SQLite is refused on Lambda, so those classes start the binary directly).
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class LambdaEntry
{
    public const string PackageVariable = "JAMCART_LAMBDA_PACKAGE";
    public const string ApiVariable = "JAMCART_FUNCTIONS_LAMBDA";

    // One package for the API classes of a test run, laid out on first use and removed when the run ends.
    private static readonly Lazy<string> Shared = new(() =>
    {
        var package = Package(out var laidOut);
        if (laidOut)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(package, recursive: true);
        }

        return package;
    });

    /// <summary>Whether the API test classes start their PostgreSQL hosts through the package's entry point.</summary>
    public static bool ForApiTests =>
        HostBinary.IsExternal && Environment.GetEnvironmentVariable(ApiVariable) == "1";

    /// <summary>The package the API test classes share.</summary>
    public static string SharedPackage => Shared.Value;

    /// <summary>The package folder: the one named by <see cref="PackageVariable"/>, or one laid out now (then <paramref name="laidOut"/>, for the caller to delete).</summary>
    public static string Package(out bool laidOut)
    {
        laidOut = false;
        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } named)
        {
            var folder = Path.GetFullPath(named);
            return File.Exists(Path.Combine(folder, "bootstrap"))
                ? folder
                : throw new FileNotFoundException($"{PackageVariable} names {folder}, which holds no bootstrap");
        }

        var scripts = Path.Combine(RepositoryRoot(), "deploy", "lambda");
        var package = Directory.CreateTempSubdirectory("jamcart-lambda-").FullName;
        laidOut = true;
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

    /// <summary>The package's bootstrap with Lambda's environment and then <paramref name="environment"/>, read-only if it can be.</summary>
    public static ProcessStartInfo StartInfo(string package, int port, IReadOnlyDictionary<string, string> environment)
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

        var lambda = new Dictionary<string, string>
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
        };
        foreach (var (name, value) in lambda.Concat(environment))
        {
            // run.sh sets the address from AWS_LWA_PORT, as the adapter expects it.
            if (name != "ASPNETCORE_URLS")
            {
                info.Environment[name] = value;
            }
        }

        return info;
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
