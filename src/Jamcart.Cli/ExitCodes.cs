namespace Jamcart.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The store folder has errors (each printed as path:line:column).</summary>
    public const int StoreErrors = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}
