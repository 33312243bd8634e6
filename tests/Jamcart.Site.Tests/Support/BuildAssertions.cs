using Shouldly;

namespace Jamcart.Site.Tests;

internal static class BuildAssertions
{
    public static void ShouldSucceed(this BuildResult result) =>
        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Diagnostics));

    public static Diagnostic ShouldHaveError(this BuildResult result, string path, int line, string messagePart)
    {
        var match = result.Diagnostics.FirstOrDefault(d =>
            d.Severity == Severity.Error && d.Path == path && d.Line == line && d.Message.Contains(messagePart, StringComparison.Ordinal));
        match.ShouldNotBeNull($"expected an error at {path}:{line} containing '{messagePart}', got:\n{string.Join("\n", result.Diagnostics)}");
        return match;
    }
}
