using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// The operations of <c>GET /api/openapi.json</c> say what docs/api.md says of its routes: the headers they read and
/// write, the admin key, their bodies and query parameters.
/// </summary>
public sealed class OpenApiOperationTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Theory]
    [InlineData("POST", "/api/checkout", true)]
    [InlineData("POST", "/api/admin/orders/{orderId}/refund", false)]
    [InlineData("PUT", "/api/admin/stock/{sku}", true)]
    public async Task a_body_is_required_unless_it_may_be_left_out(string method, string path, bool required)
    {
        var document = await api.Client.DocumentAsync();

        document.Operation(method, path).GetProperty("requestBody").IsRequired().ShouldBe(required);
    }
}
