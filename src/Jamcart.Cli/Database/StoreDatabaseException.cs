namespace Jamcart.Cli.Database;

/// <summary>The store database could not be opened or written: a message for the person at the terminal, never a stack trace.</summary>
internal sealed class StoreDatabaseException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The exit code it ends a command with (see <see cref="CliDatabase.ExitCodeOf"/>).</summary>
    public int ExitCode => CliDatabase.ExitCodeOf(InnerException!);
}
