namespace Jamcart.Functions.Apis;

/// <summary>Headers and media types the endpoints share.</summary>
internal static class ApiRoutes
{
    public const string OrderTokenHeader = "X-Order-Token";
    public const string Json = "application/json";

    /// <summary>Order views and checkout answers belong to one buyer: never for a shared cache.</summary>
    public static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
