namespace Jamcart.Functions.Apis;

/// <summary>
/// More endpoints in the same pipeline (problems, CORS, rate limits, security headers): registered in DI, mapped by
/// <see cref="FunctionsApp.UseJamcartFunctions"/> after the API's own. How a host adds its own routes (and tests a
/// route that fails).
/// </summary>
public interface IApiExtension
{
    void Map(IEndpointRouteBuilder endpoints);
}
