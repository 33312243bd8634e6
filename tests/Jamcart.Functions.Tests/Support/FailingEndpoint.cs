using Jamcart.Functions.Apis;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jamcart.Functions.Tests.Support;

/// <summary>A test-only route that fails the way a bug does, with internals in the exception it throws.</summary>
internal sealed class FailingEndpoint : IApiExtension
{
    public const string Path = "/api/test/bug";
    public const string Secret = "SELECT secret_column FROM orders WHERE token = 'tok_live_123'";

    public void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext _) => Task.FromException(new InvalidOperationException(Secret)));
}
