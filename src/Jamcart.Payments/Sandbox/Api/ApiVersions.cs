using System.Text.RegularExpressions;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Stripe API versions: the one the sandbox speaks by default, and the shape of any other a request asks for.</summary>
internal static partial class ApiVersions
{
    /// <summary>The version Stripe.net 53 pins; events are written in it unless a request asks for another.</summary>
    public const string Default = "2026-10-28.endive";

    public static bool IsWellFormed(string version) => Shape().IsMatch(version);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(\.[a-z_]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
