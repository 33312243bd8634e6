namespace Jamcart.Functions.Hosting;

/// <summary>
/// The host could not start because the store database could not be opened or migrated: a reason for the operator,
/// which the host's entry point states in one line instead of a stack trace.
/// </summary>
public sealed class StoreDatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
