namespace Jamcart.Functions.Configuration;

/// <summary>The short environment variables of a container or serverless deploy: <c>JAMCART_DATABASE</c>, <c>JAMCART_ADMIN_KEY</c>.</summary>
internal static class EnvironmentAliases
{
    private static readonly (string Variable, string Key)[] Aliases =
    [
        ("JAMCART_DATABASE", JamcartOptions.Section + ":" + nameof(JamcartOptions.Database)),
        ("JAMCART_ADMIN_KEY", JamcartOptions.Section + ":" + nameof(JamcartOptions.AdminKey)),
    ];

    /// <summary>Adds the aliases that are set, above the configuration read so far.</summary>
    public static IConfigurationBuilder AddJamcartEnvironmentAliases(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Aliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return values.Count == 0 ? configuration : configuration.AddInMemoryCollection(values);
    }
}
