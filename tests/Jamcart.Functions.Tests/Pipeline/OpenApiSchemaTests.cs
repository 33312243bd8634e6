using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>The schemas of <c>GET /api/openapi.json</c> type the numbers of docs/api.md as the API reads and writes them.</summary>
public sealed class OpenApiSchemaTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    /// <summary>Members that API.md gives as numbers, which the API refuses as strings (<c>"quantity":"2"</c> is a 400).</summary>
    public static TheoryData<string, string> Integers() => new()
    {
        { "CartItemInput", "quantity" },
        { "RefundOrderRequest", "amount" },
        { "SetStockRequest", "onHand" },
        { "CheckoutResponse", "total" },
        { "OrderView", "subtotal" },
        { "OrderView", "refundedAmount" },
        { "OrderLineView", "quantity" },
        { "OrderLineView", "unitAmount" },
        { "OrderLineView", "amount" },
        { "InventoryLevel", "onHand" },
        { "InventoryLevel", "available" },
        { "RefundView", "amount" },
        { "ProblemBody", "status" },
        { "ProblemBody", "requested" },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public async Task numbers_are_integers_and_never_strings(string schema, string member)
    {
        var document = await api.Client.DocumentAsync();

        var property = document.Property(schema, member);
        property.Types().Except(["null"]).ShouldBe(["integer"], $"{schema}.{member}: {property}");
        property.TryGetProperty("pattern", out _).ShouldBeFalse($"{schema}.{member}: {property}");
    }

    [Fact]
    public async Task no_number_anywhere_in_the_document_may_be_a_string()
    {
        var document = await api.Client.DocumentAsync();

        var numbers = document.Descendants().Where(node => node.Types().Any(type => type is "integer" or "number")).ToList();
        numbers.ShouldNotBeEmpty();
        numbers.Where(node => node.Types().Contains("string")).Select(node => node.ToString()).ShouldBeEmpty();
    }
}
