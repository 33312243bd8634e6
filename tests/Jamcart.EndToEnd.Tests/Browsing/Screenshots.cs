using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests.Browsing;

/// <summary>
/// The screenshots of one test's steps, numbered in order, saved as artifacts under
/// <c>TestResults/screenshots/{scenario}/</c> (git-ignored; the README's pictures are chosen from them by hand).
/// </summary>
internal sealed class Screenshots(IPage page, string scenario)
{
    private readonly string _folder = Path.Combine(RepositoryFiles.Screenshots, scenario);
    private int _step;

    public async Task TakeAsync(string step)
    {
        if (_step == 0 && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        _step++;
        Directory.CreateDirectory(_folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(_folder, $"{_step:00}-{step}.png"), Animations = ScreenshotAnimations.Disabled });
    }
}
