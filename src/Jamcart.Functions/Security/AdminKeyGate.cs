namespace Jamcart.Functions.Security;

/// <summary>
/// Answers every request under <c>/api/admin</c> without the admin key with 401 <c>unauthorized</c>, whatever else is
/// wrong with it. Routing answers some requests itself before any endpoint filter runs: 415 for a Content-Type the
/// endpoint's <c>Accepts</c> metadata does not list, 405 for a method the route lacks, 404 for no route; each would
/// tell a client without the key which admin routes exist and which bodies they take. So this runs after routing and
/// rate limiting (a guesser still spends its permits) and before the endpoint, whichever endpoint routing chose.
/// </summary>
internal sealed class AdminKeyGate(RequestDelegate next, Lazy<AdminKey> key)
{
    /// <summary>Where the admin API lives.</summary>
    public static readonly PathString AdminPath = "/api/admin";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(AdminPath, StringComparison.OrdinalIgnoreCase) && !key.Value.IsPresentedIn(context.Request))
        {
            return AdminKey.Refusal().ExecuteAsync(context);
        }

        return next(context);
    }
}
