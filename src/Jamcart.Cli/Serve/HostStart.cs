using System.Net;
using System.Net.Sockets;

using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Functions;
using Jamcart.Functions.Configuration;
using Jamcart.Functions.Hosting;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jamcart.Cli.Serve;

/// <summary>
/// Starts the host of <c>jamcart serve</c> and <c>jamcart dev</c>, or says in one line why it cannot: a wrong setting,
/// a store database that cannot be opened, an address already in use or not this machine's. Left to the host, each is
/// logged with its stack trace and thrown out of the command as unhandled.
/// </summary>
internal static class HostStart
{
    /// <summary>
    /// Null when the host's settings are valid and its address can be listened on; otherwise the command's exit code,
    /// each reason printed as <c>jamcart: …</c>. Opens nothing and writes nothing, so a command can ask before it
    /// changes anything (<c>jamcart serve</c> before its build syncs the catalog into the database).
    /// </summary>
    public static int? Check(WebApplication app, IPAddress address, int port)
    {
        if (!SettingsAreValid(app.Services))
        {
            return ExitCodes.Settings;
        }

        try
        {
            // Found before the host starts, which would log Kestrel's failure with its stack.
            ListenAddresses.EnsureFree(address, port);
            return null;
        }
        catch (IOException exception)
        {
            Terminal.Error.WriteLine(CannotListen(address, port, exception));
            return ExitCodes.Settings;
        }
    }

    /// <summary>Null once the host is listening; otherwise the command's exit code, each reason printed as <c>jamcart: …</c>.</summary>
    /// <param name="databaseHint">Said after a database that cannot be opened, such as where it is.</param>
    public static async Task<int?> TryStartAsync(WebApplication app, IPAddress address, int port, string databaseHint, CancellationToken cancellationToken)
    {
        if (!SettingsAreValid(app.Services))
        {
            return ExitCodes.Settings;
        }

        try
        {
            await app.OpenStoreDatabaseAsync(cancellationToken);
            // Checked at the last moment (another process may have taken the port since a Check), before the host
            // starts, which would log Kestrel's failure with its stack.
            ListenAddresses.EnsureFree(address, port);
            await app.StartAsync(cancellationToken);
            return null;
        }
        catch (StoreDatabaseUnavailableException unavailable)
        {
            Terminal.Error.WriteLine($"jamcart: {unavailable.Message}{databaseHint}");
            return CliDatabase.ExitCodeOf(unavailable.InnerException!);
        }
        catch (IOException exception)
        {
            Terminal.Error.WriteLine(CannotListen(address, port, exception));
            return ExitCodes.Settings;
        }
    }

    /// <summary>Where a started host listens, ending in a slash: with the port the system chose when 0 was asked for.</summary>
    public static Uri ListeningAt(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");

    /// <summary>The one line that says why the host cannot listen, and which option to change.</summary>
    public static string CannotListen(IPAddress address, int port, IOException exception) =>
        exception.InnerException is SocketException { SocketErrorCode: not SocketError.AddressAlreadyInUse }
            ? $"jamcart: cannot listen on {Endpoint(address, port)}: {exception.Message}; choose another with --host"
            : $"jamcart: cannot listen on {Endpoint(address, port)} ({exception.Message}); choose another with --port";

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    private static bool SettingsAreValid(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException invalid)
        {
            foreach (var failure in invalid.Failures)
            {
                Terminal.Error.WriteLine($"jamcart: {failure}");
            }

            return false;
        }
        catch (InvalidOperationException unreadable) when (UnreadableSetting.Is(unreadable))
        {
            Terminal.Error.WriteLine($"jamcart: {UnreadableSetting.Describe(unreadable)}");
            return false;
        }
    }
}
