using Jamcart.Cli.Dev;

using Microsoft.AspNetCore.Http;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary>How <c>jamcart serve</c> and <c>dev</c> answer a page's address: never outside the site, never off to another host.</summary>
public sealed class SiteFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _site;

    public SiteFilesTests()
    {
        _site = _temp["public"];
        Directory.CreateDirectory(Path.Combine(_site, "en"));
        File.WriteAllText(Path.Combine(_site, "en", "index.html"), "<p>English</p>");
        Directory.CreateDirectory(Path.Combine(_site, "categories", "녹차"));
        Directory.CreateDirectory(_temp["public-drafts"]);
        File.WriteAllText(_temp["public-drafts/secret.html"], "<p>Not published</p>");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task a_folder_without_its_slash_is_redirected_to_it_on_the_same_host()
    {
        var context = Request("/en", "?lang=en");

        await new SiteFiles(_site, liveReload: false).TryServeHtmlAsync(context)!;

        context.Response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        context.Response.Headers.Location.ToString().ShouldBe("/en/?lang=en");
    }

    [Fact]
    public async Task a_folder_named_in_korean_is_redirected_to_with_its_name_escaped()
    {
        var context = Request("/categories/녹차", "?page=2");

        await new SiteFiles(_site, liveReload: false).TryServeHtmlAsync(context)!;

        context.Response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        context.Response.Headers.Location.ToString().ShouldBe("/categories/%EB%85%B9%EC%B0%A8/?page=2");
    }

    [Theory]
    // Kestrel leaves an escaped slash escaped and keeps an empty first segment: read back as a folder of the site,
    // these named "en", and the redirect to the path plus "/" would send the browser to evil.example.
    [InlineData("//evil.example/..%2Fen")]
    [InlineData("//evil.example/..%2fen")]
    [InlineData("/\\evil.example/..%2Fen")]
    public async Task an_address_that_would_redirect_to_another_host_is_not_a_page(string path)
    {
        var context = Request(path);

        var served = new SiteFiles(_site, liveReload: false).TryServeHtmlAsync(context);

        served.ShouldBeNull("the request goes on to the static files and the site's 404");
        context.Response.Headers.Location.ToString().ShouldBeEmpty();
    }

    [Theory]
    // A folder beside the site whose name starts with the site's own passed a prefix check on the path. The second
    // was sent as %252E%252E: decoded once more after Kestrel, it read as "..".
    [InlineData("/..%2Fpublic-drafts/secret.html")]
    [InlineData("/%2E%2E/public-drafts/secret.html")]
    public async Task a_page_of_a_folder_beside_the_site_is_never_served(string path)
    {
        var context = Request(path);

        var served = new SiteFiles(_site, liveReload: false).TryServeHtmlAsync(context);

        if (served is not null)
        {
            await served;
        }

        served.ShouldBeNull();
        context.Response.Body.Length.ShouldBe(0);
    }

    /// <summary>A request as Kestrel hands it on: the path decoded except for escaped slashes (<c>%2F</c>).</summary>
    private static DefaultHttpContext Request(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = new PathString(path);
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        return context;
    }
}
