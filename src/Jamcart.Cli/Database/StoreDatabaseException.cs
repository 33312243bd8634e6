namespace Jamcart.Cli.Database;

/// <summary>The store database could not be opened or written: a message for the person at the terminal, never a stack trace.</summary>
/// <param name="inner">What the database said; none when the setting itself was refused before anything was opened.</param>
internal sealed class StoreDatabaseException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The exit code it ends a command with: a setting refused before anything was opened is a wrong setting;
    /// otherwise as <see cref="CliDatabase.ExitCodeOf"/> says.
    /// </summary>
    public int ExitCode => InnerException is { } inner ? CliDatabase.ExitCodeOf(inner) : ExitCodes.Settings;
}
