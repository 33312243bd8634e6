using Jamcart.Site;

namespace Jamcart.Cli.Database;

/// <summary>Where a command finds the store database: an option, then <c>JAMCART_DATABASE</c>, then <c>database:</c> in <c>jamcart.yml</c>.</summary>
internal static class DatabaseSetting
{
    public const string EnvironmentVariable = "JAMCART_DATABASE";
    private const string SqlitePrefix = "sqlite:";

    /// <summary>The connection string to use, or null when the store has no database (builds then use front-matter stock).</summary>
    /// <remarks>
    /// The environment wins over the file so that a PostgreSQL password never has to be committed with the store.
    /// A relative <c>sqlite:</c> path in <c>jamcart.yml</c> is relative to the store folder, so a build gives the same
    /// answer from any working directory.
    /// </remarks>
    public static string? Resolve(string? option, StoreConfig? config, string storeRoot)
    {
        switch (Winner(option))
        {
            case Source.Option:
                return option;
            case Source.Environment:
                return Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (config?.Database is not { Length: > 0 } fromFile)
        {
            return null;
        }

        if (fromFile.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(fromFile[SqlitePrefix.Length..]))
        {
            return SqlitePrefix + Path.GetFullPath(Path.Combine(storeRoot, fromFile[SqlitePrefix.Length..]));
        }

        return fromFile;
    }

    /// <summary>
    /// Where <see cref="Resolve"/> found the connection string, for a message about it: the option, the environment
    /// variable, or <c>jamcart.yml:line:column</c> (from the working directory, so an editor opens it there).
    /// </summary>
    public static string SourceOf(string? option, StoreConfig? config, string storeRoot)
    {
        switch (Winner(option))
        {
            case Source.Option:
                return "--database";
            case Source.Environment:
                return EnvironmentVariable;
        }

        var file = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(Path.GetFullPath(storeRoot), "jamcart.yml"));
        return config?.DatabaseAt is var (line, column) ? $"database: at {file}:{line}:{column}" : $"database: in {file}";
    }

    /// <summary>Which setting wins, in the one order both <see cref="Resolve"/> and <see cref="SourceOf"/> follow.</summary>
    private static Source Winner(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? Source.Option
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } ? Source.Environment
        : Source.File;

    private enum Source
    {
        Option,
        Environment,
        File,
    }
}
