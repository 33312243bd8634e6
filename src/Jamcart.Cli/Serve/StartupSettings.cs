using Jamcart.Cli.Output;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jamcart.Cli.Serve;

/// <summary>The host's settings, checked before it starts, so that a wrong one is said once and plainly.</summary>
internal static class StartupSettings
{
    /// <summary>
    /// Runs the host's start-up validation; each failure is printed as <c>jamcart: …</c> and false returned. Left to
    /// the host, the same failure is logged with its stack trace and thrown out of the command as unhandled.
    /// </summary>
    public static bool AreValid(IServiceProvider services)
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
    }
}
