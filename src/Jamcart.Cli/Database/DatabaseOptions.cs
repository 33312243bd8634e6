using System.CommandLine;

namespace Jamcart.Cli.Database;

/// <summary>The <c>--store</c> and <c>--database</c> options of the commands that work on the store database.</summary>
internal sealed class DatabaseOptions
{
    public Option<string> Store { get; } = new("--store", "-s")
    {
        Description = "The store folder whose jamcart.yml names the database (default: the current folder).",
        DefaultValueFactory = _ => ".",
    };

    public Option<string?> Database { get; } = new("--database", "-d")
    {
        Description = $"The database's connection string (default: ${DatabaseSetting.EnvironmentVariable}, then database: in jamcart.yml, then the store's .jamcart/store.db when jamcart serve or dev made one).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Database);
    }

    public DatabaseTarget Read(ParseResult parsed) => new(parsed.GetValue(Store)!, parsed.GetValue(Database));
}

/// <summary>Which store folder and which explicit connection string (if any) a command was given.</summary>
internal sealed record DatabaseTarget(string StoreRoot, string? ConnectionString);
