namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The executable the tests start as a process: the one named by <c>JAMCART_FUNCTIONS_BINARY</c> (a Native AOT publish
/// of the host, say), or else this build's own host next to the tests.
/// </summary>
/// <remarks>
/// With the variable set, the API test classes run against that binary too (see <see cref="Support.ApiFixture"/>),
/// and tests that need the host inside the test process skip.
/// </remarks>
internal static class HostBinary
{
    public const string Variable = "JAMCART_FUNCTIONS_BINARY";

    /// <summary>Whether the variable names a binary: the API tests then run against it instead of in process.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The binary to start.</summary>
    /// <exception cref="FileNotFoundException">The variable names a file that does not exist.</exception>
    public static string Path
    {
        get
        {
            var named = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(named))
            {
                return System.IO.Path.Combine(AppContext.BaseDirectory, "Jamcart.Functions");
            }

            var path = System.IO.Path.GetFullPath(named);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{Variable} names {path}, which does not exist.", path);
        }
    }
}
