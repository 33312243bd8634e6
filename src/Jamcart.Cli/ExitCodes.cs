namespace Jamcart.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// The store folder has errors (each printed as path:line:column), or the store refused what was asked (a value
    /// its rules do not allow, an unknown order or SKU), each reason printed: the command line itself was well formed.
    /// </summary>
    public const int StoreErrors = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The command line was well formed, but a setting it depends on (environment, <c>appsettings.json</c>, the store
    /// database named by <c>--database</c>, <c>JAMCART_DATABASE</c> or <c>database:</c>: none, one of no known form, a
    /// SQLite path that names no file) is missing or wrong, or this machine cannot give what it asks for (an address already in use, or not this machine's): each
    /// reason printed. Running the same command again can work once the setting or the machine is put right.
    /// </summary>
    public const int Settings = 3;
}
