using System.Net;

using Jamcart.Cli.Output;
using Jamcart.Functions;
using Jamcart.Functions.Configuration;
using Jamcart.Functions.Hosting;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jamcart.Cli.Serve;

/// <summary>
/// Starts the host of <c>jamcart serve</c> and <c>jamcart dev</c>, or says in one line why it cannot: a wrong setting,
/// a store database that cannot be opened, an address already in use. Left to the host, each is logged with its stack
/// trace and thrown out of the command as unhandled.
/// </summary>
internal static class HostStart
{
    /// <summary>Null once the host is listening; otherwise the command's exit code, each reason printed as <c>jamcart: …</c>.</summary>
    /// <param name="databaseHint">Said after a database that cannot be opened, such as where it is.</param>
    public static async Task<int?> TryStartAsync(WebApplication app, IPAddress address, int port, string databaseHint, CancellationToken cancellationToken)
    {
        if (!SettingsAreValid(app.Services))
        {
            return ExitCodes.Usage;
        }

        try
        {
            await app.OpenStoreDatabaseAsync(cancellationToken);
            // Found before the host starts, which would log Kestrel's failure with its stack.
            ListenAddresses.EnsureFree(address, port);
            await app.StartAsync(cancellationToken);
            return null;
        }
        catch (StoreDatabaseUnavailableException unavailable)
        {
            Terminal.Error.WriteLine($"jamcart: {unavailable.Message}{databaseHint}");
            return ExitCodes.StoreErrors;
        }
        catch (IOException exception)
        {
            Terminal.Error.WriteLine($"jamcart: cannot listen on {address}:{port} ({exception.Message}); choose another with --port");
            return ExitCodes.Usage;
        }
    }

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
