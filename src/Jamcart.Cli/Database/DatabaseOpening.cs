using Jamcart.Storage;

namespace Jamcart.Cli.Database;

/// <summary>What <see cref="CliDatabase.OpenAsync"/> found: the open database, or none and the exit code to end with.</summary>
internal readonly record struct DatabaseOpening(CheckoutDatabase? Database, int ExitCode);
