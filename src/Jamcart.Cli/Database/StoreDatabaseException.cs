namespace Jamcart.Cli.Database;

/// <summary>The store database could not be opened or written: a message for the person at the terminal, never a stack trace.</summary>
internal sealed class StoreDatabaseException(string message, Exception inner) : Exception(message, inner);
