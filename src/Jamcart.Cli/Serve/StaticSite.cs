using Jamcart.Cli.Dev;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Jamcart.Cli.Serve;

/// <summary>The built site as the last part of a pipeline, with the headers its <c>_headers</c> file asks for.</summary>
internal static class StaticSite
{
    private static readonly PathString Api = "/api";

    /// <summary>
    /// Serves the site for every path outside <c>/api</c>, which stays the functions' (unknown API routes answer Problem
    /// Details), and outside every other route the app maps (the dev server's live reload): routing has already chosen
    /// those, and this branch, which ends every request it takes, would answer them with the site's 404 page.
    /// </summary>
    /// <param name="development">Pages get the live-reload script and are never cached, so every rebuild shows at once.</param>
    /// <param name="built">
    /// Completes when the site is built, with errors or without: until then requests for it wait (the API's do not),
    /// so a server started while the site builds never shows the previous build, nor a 404 on the very first one.
    /// </param>
    public static void UseStaticSite(this WebApplication app, string outputRoot, bool development = false, Task? built = null)
    {
        var site = new SiteFiles(outputRoot, development);
        app.MapWhen(context => !context.Request.Path.StartsWithSegments(Api) && context.GetEndpoint() is null, branch =>
        {
            if (built is not null)
            {
                branch.Use(async (context, next) =>
                {
                    await built.WaitAsync(context.RequestAborted);
                    await next(context);
                });
            }

            branch.Use((context, next) =>
            {
                site.ApplyHeaders(context.Response);
                if (development)
                {
                    context.Response.Headers.CacheControl = "no-cache";
                }

                return next(context);
            });
            branch.Use((context, next) => site.TryServeHtmlAsync(context) is { } served ? served : next(context));
            branch.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(outputRoot),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
            });
            branch.Run(site.ServeNotFoundAsync);
        });
    }
}
