using System.Text.Json;

using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests.Browsing;

/// <summary>axe-core, run in the page: the serious and critical accessibility violations of what is on screen.</summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        Chromium.Require(RepositoryFiles.AxeScript, "axe-core", "npm ci in tests/Jamcart.EndToEnd.Tests");
        return File.ReadAllText(RepositoryFiles.AxeScript);
    });

    /// <summary>Fails with every serious or critical violation on the page, each with its rule, help and elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var violations = await SeriousViolationsAsync(page);
        violations.ShouldBeEmpty($"axe-core on {page.Url}:\n{string.Join("\n", violations)}");
    }

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // The shop's Content-Security-Policy allows no inline script, so a <script> tag holding axe (Playwright's
        // AddScriptTag) would be blocked. Evaluating the source through the DevTools protocol is not subject to the
        // page's CSP, which keeps the policy on for the page under test instead of bypassing it for the whole context.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              // A run that checked nothing would pass anything: say so instead.
              if (result.passes.length === 0) return ['axe-core ran no rule on this page'];
              return result.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n  ` + v.nodes.map((n) => n.target.join(' ') + ' ' + n.failureSummary.replace(/\n/g, ' ')).join('\n  '));
            }
            """);
        return result.EnumerateArray().Select(item => item.GetString()!).ToList();
    }
}
