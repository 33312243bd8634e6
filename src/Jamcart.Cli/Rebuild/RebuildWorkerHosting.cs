using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jamcart.Cli.Rebuild;

/// <summary>Adds the rebuild worker to a web host that serves the built site from its output folder.</summary>
internal static class RebuildWorkerHosting
{
    /// <summary>Renders sales into <paramref name="outputRoot"/>, which the host serves: writing the files is publishing them.</summary>
    public static WebApplicationBuilder AddRebuildWorker(this WebApplicationBuilder builder, string storeRoot, string outputRoot, string connectionString)
    {
        builder.Services.AddHostedService(services =>
            new RebuildWorkerService(storeRoot, outputRoot, connectionString, services.GetRequiredService<ILoggerFactory>()));
        return builder;
    }
}
