using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Jamcart.Functions.Configuration;

/// <summary>The short environment variables of a container or serverless deploy: <c>JAMCART_DATABASE</c>, <c>JAMCART_ADMIN_KEY</c>.</summary>
internal static class EnvironmentAliases
{
    private static readonly (string Variable, string Key)[] Aliases =
    [
        ("JAMCART_DATABASE", JamcartOptions.Section + ":" + nameof(JamcartOptions.Database)),
        ("JAMCART_ADMIN_KEY", JamcartOptions.Section + ":" + nameof(JamcartOptions.AdminKey)),
    ];

    /// <summary>
    /// Adds the aliases that are set where environment variables rank: just above the last environment source (above
    /// appsettings and <c>Jamcart__*</c>), so that what a host adds after that, such as the command line or the
    /// settings <c>jamcart dev</c> and <c>jamcart serve</c> chose, still wins; on top when there is no such source.
    /// </summary>
    public static IConfigurationBuilder AddJamcartEnvironmentAliases(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Aliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        if (values.Count == 0)
        {
            return configuration;
        }

        var aliases = new MemoryConfigurationSource { InitialData = values };
        var environment = configuration.Sources.ToList().FindLastIndex(source => source is EnvironmentVariablesConfigurationSource);
        if (environment < 0)
        {
            return configuration.Add(aliases);
        }

        configuration.Sources.Insert(environment + 1, aliases);
        return configuration;
    }
}
