using System.Diagnostics;
using System.Text.RegularExpressions;

using Npgsql;

namespace Jamcart.Testing;

/// <summary>
/// A throwaway PostgreSQL server for one test assembly, started from Debian's <c>postgresql</c> package in a temporary
/// folder on a free loopback port, and removed when the tests end. Declare it once per test project with
/// <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>, take it in a test class's constructor, and give each
/// test its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// Self-contained (BCL, xunit and Npgsql only) so that other test projects can link this file. When PostgreSQL is not
/// installed the fixture fails, and with it every test that needs it: those tests are never skipped silently.
/// </remarks>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";

    private string? _folder;
    private string? _binaries;
    private int _port;

    /// <summary>Where the server keeps its data, log and socket.</summary>
    public string Folder => _folder ?? throw new InvalidOperationException("The PostgreSQL test server has not started.");

    /// <summary>The server's loopback port.</summary>
    public int Port => _port;

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/pg_ctl. Run ./test.sh, which installs "
            + "Debian's postgresql package first (or: apt-get install postgresql).");
        _folder = Directory.CreateTempSubdirectory("jamcart-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            // initdb refuses to run as root; the server runs as the package's postgres user, which must own the folder.
            await RunAsync("chown", ["-R", $"{Superuser}:{Superuser}", _folder], asServerUser: false);
        }

        await RunAsync(Tool("initdb"), ["-D", DataFolder, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "-U", Superuser]);

        // Test classes run side by side on one server, and some open a full Npgsql pool (100) per host process: two
        // processes sharing a database beside a flash sale in-process is 300 already. Past the limit PostgreSQL turns
        // connections away (53300), which the functions rightly answer with 503: room enough that no test meets that.
        const int maxConnections = 1000;

        // The port is free when chosen but could be taken before the server binds it: try again with another.
        for (var attempt = 1; ; attempt++)
        {
            _port = LoopbackPort.Free();
            try
            {
                await RunAsync(Tool("pg_ctl"), [
                    "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections={maxConnections}", "start",
                ]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Creates an empty database and returns its Npgsql connection string.</summary>
    /// <param name="name">Lower-case letters, digits and underscores; a new unique name when null.</param>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException("A test database name is lower-case letters, digits and underscores.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The name is checked against a strict pattern above; CREATE DATABASE takes no parameters.
        command.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Empties every table of the database's public schema but those in <paramref name="keep"/>, and restarts their
    /// identity columns. Far quicker than creating a database: a test class can create one and empty it before each test.
    /// Nothing else may be connected to the database meanwhile.
    /// </summary>
    public static async Task EmptyTablesAsync(string connectionString, params string[] keep)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var list = connection.CreateCommand();
        list.CommandText = """
            SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables
            WHERE schemaname = 'public' AND NOT (tablename = ANY(@keep))
            """;
        list.Parameters.AddWithValue("keep", keep);
        if (await list.ExecuteScalarAsync() is not string tables)
        {
            return;
        }

        await using var truncate = connection.CreateCommand();
#pragma warning disable CA2100 // The names come from the server's own catalog, quoted by format('%I').
        truncate.CommandText = $"TRUNCATE {tables} RESTART IDENTITY CASCADE";
#pragma warning restore CA2100
        await truncate.ExecuteNonQueryAsync();
    }

    /// <summary>The connection string of an existing database of this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database}";

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunAsync(Tool("pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    private string DataFolder => Path.Combine(Folder, "data");

    private string Tool(string name) => Path.Combine(_binaries!, name);

    /// <summary>The bin folder of the highest PostgreSQL version installed the Debian way, or null.</summary>
    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        // Debian names each version's folder by its major number (15, 16, 17).
        return Directory.GetDirectories(root)
            .Where(folder => int.TryParse(Path.GetFileName(folder), out _) && File.Exists(Path.Combine(folder, "bin", "pg_ctl")))
            .OrderByDescending(folder => int.Parse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture))
            .Select(folder => Path.Combine(folder, "bin"))
            .FirstOrDefault();
    }


    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", Superuser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
