namespace Jamcart.EndToEnd.Tests.Browsing;

/// <summary>
/// Debian's Chromium, launched by Playwright. Playwright's own browser download cannot be reached from here, so the
/// system executable is used; <c>test.sh</c> installs it when missing.
/// </summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Require(Executable, "Chromium", "apt-get install chromium");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            // As root Chromium refuses its sandbox; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// A missing tool fails the run, on CI and locally alike: these tests are part of the suite, and skipping them
    /// would report green for a checkout that was never tried in a browser.
    /// </summary>
    public static void Require(string path, string what, string install)
    {
        if (File.Exists(path))
        {
            return;
        }

        var where = Environment.GetEnvironmentVariable("CI") == "true"
            ? "CI must install it before the tests run (./test.sh does)"
            : "run ./test.sh once, which installs it";
        throw new InvalidOperationException($"{what} is missing ({path}): the browser tests need it; {where}, or install it yourself ({install}).");
    }
}
