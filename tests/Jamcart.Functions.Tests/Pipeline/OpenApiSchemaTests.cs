using System.Text.Json;
using System.Text.RegularExpressions;

using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>The schemas of <c>GET /api/openapi.json</c> hold the bodies of docs/api.md: their members, which are required, their types.</summary>
public sealed partial class OpenApiSchemaTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "api.md"));

    private static readonly HashSet<string> RequestBodies = ["PlaceOrderCommand", "CartItemInput", "ShippingInput", "RefundOrderRequest", "SetStockRequest"];

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
        { "ReconciliationView", "left" },
    };

    /// <summary>
    /// Every schema of the document: the members API.md (and api-extensions.md) says are always there, then those that
    /// may be missing. A request's member is required when the API refuses the request without it; an answer's member
    /// when every answer has it, null or not.
    /// </summary>
    public static TheoryData<string, string, string> Members()
    {
        const string summary = "orderId status currency lines subtotal shipping discount tax taxInclusive total";
        const string order = summary + " email createdAt paidAt reservedUntil lastPaymentError refundedAmount statusReason";
        return new()
        {
            { "PlaceOrderCommand", "items email", "shipping locale" },
            { "CartItemInput", "sku quantity", "" },
            { "ShippingInput", "name line1 city country", "line2 region postalCode" },
            { "RefundOrderRequest", "", "amount" },
            { "SetStockRequest", "onHand", "" },
            { "CheckoutResponse", summary + " orderToken reservedUntil", "payment" },
            { "OrderView", order, "payment" },
            { "AdminOrderView", order + " shippingAddress", "refunds disputes" },
            { "OrderLineView", "sku title quantity unitAmount amount", "" },
            { "PaymentView", "provider publishableKey clientSecret", "scriptUrl" },
            { "PaymentError", "code declineCode message", "" },
            { "ShippingAddress", "name line1 line2 city region postalCode country", "" },
            { "RefundView", "id amount createdAt status failureReason", "" },
            { "DisputeView", "id amount reason status dueBy createdAt", "" },
            { "OrderListView", "items nextCursor", "" },
            { "InventoryLevel", "sku onHand reserved available", "" },
            { "StockView", "stock", "" },
            { "HealthView", "status", "" },
            { "WebhookReceipt", "received", "" },
            { "MaintenanceView", "reconciliation purge", "" },
            { "ReconciliationView", "skipped checked expired abandoned paid refunded deferred left", "" },
            { "PurgeView", "skipped idempotencyRecords outboxEntries webhookEvents", "" },
            { "ProblemBody", "type title status detail", "errors sku requested available minimum maximum traceId" },
        };
    }

    [Theory]
    [MemberData(nameof(Integers))]
    public async Task numbers_are_integers_and_never_strings(string schema, string member)
    {
        var document = await api.Client.DocumentAsync();

        var property = document.Property(schema, member);
        property.Types().Except(["null"]).ShouldBe(["integer"], $"{schema}.{member}: {property}");
        property.TryGetProperty("pattern", out _).ShouldBeFalse($"{schema}.{member}: {property}");
    }

    /// <summary>
    /// Request numbers and the range their validation keeps them in (docs/api.md: <c>quantity</c> 1 to 99); no
    /// maximum where it depends on the order (a refund's is what is left of it).
    /// </summary>
    public static TheoryData<string, string, long, long?> Ranges() => new()
    {
        { "CartItemInput", "quantity", PlaceOrder.MinQuantity, new CheckoutOptions().MaxQuantity },
        { "RefundOrderRequest", "amount", RefundOrder.MinAmount, null },
        { "SetStockRequest", "onHand", SetStock.MinOnHand, SetStock.MaxOnHand },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task request_numbers_state_the_range_the_api_accepts(string schema, string member, long minimum, long? maximum)
    {
        var document = await api.Client.DocumentAsync();

        var property = document.Property(schema, member);
        property.TryGetProperty("minimum", out var least).ShouldBeTrue($"{schema}.{member}: {property}");
        least.GetInt64().ShouldBe(minimum, $"{schema}.{member}");
        if (maximum is null)
        {
            property.TryGetProperty("maximum", out _).ShouldBeFalse($"{schema}.{member}: {property}");
        }
        else
        {
            property.TryGetProperty("maximum", out var most).ShouldBeTrue($"{schema}.{member}: {property}");
            most.GetInt64().ShouldBe(maximum.Value, $"{schema}.{member}");
        }
    }

    [Fact]
    public async Task the_quantity_range_is_the_contract_s()
    {
        var document = await api.Client.DocumentAsync();

        // docs/api.md: "quantity an integer 1–99", the default the store's configuration may change.
        var quantity = document.Property("CartItemInput", "quantity");
        quantity.GetProperty("minimum").GetInt64().ShouldBe(1);
        quantity.GetProperty("maximum").GetInt64().ShouldBe(99);
    }

    [Fact]
    public async Task no_number_anywhere_in_the_document_may_be_a_string()
    {
        var document = await api.Client.DocumentAsync();

        var numbers = document.Descendants().Where(node => node.Types().Any(type => type is "integer" or "number")).ToList();
        numbers.ShouldNotBeEmpty();
        numbers.Where(node => node.Types().Contains("string")).Select(node => node.ToString()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Members))]
    public async Task required_members_are_those_of_the_contract(string schema, string required, string optional)
    {
        var document = await api.Client.DocumentAsync();

        var definition = document.Schema(schema);
        var listed = definition.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(name => name.GetString()!).ToList() : [];
        listed.Order().ShouldBe(Words(required).Order(), $"required members of {schema}");
        definition.GetProperty("properties").EnumerateObject().Select(member => member.Name).Order()
            .ShouldBe(Words(required).Concat(Words(optional)).Order(), $"members of {schema}");
    }

    /// <summary>
    /// The members of an answer that <see cref="Members"/> gives as possibly missing: the serializer leaves them out
    /// rather than write null, so an answer has a value or nothing (<c>refunds</c> is an array or absent).
    /// </summary>
    public static TheoryData<string, string> AnswerMembersLeftOut() =>
        [.. Members().Where(row => !RequestBodies.Contains(row.Data.Item1)).SelectMany(row => Words(row.Data.Item3).Select(member => (row.Data.Item1, member)))];

    [Theory]
    [MemberData(nameof(AnswerMembersLeftOut))]
    public async Task an_answer_member_that_may_be_missing_is_never_null(string schema, string member)
    {
        var document = await api.Client.DocumentAsync();

        var property = document.Property(schema, member);
        property.AllowsNull().ShouldBeFalse($"{schema}.{member}: {property}");
    }

    [Fact]
    public async Task a_member_left_out_when_null_keeps_its_description()
    {
        var document = await api.Client.DocumentAsync();

        document.Property("OrderView", "payment").ToString().ShouldContain("pending_payment", Case.Sensitive);
        document.Property("AdminOrderView", "refunds").GetProperty("items").GetProperty("$ref").GetString().ShouldEndWith("/RefundView");
    }

    [Fact]
    public async Task every_schema_of_the_document_has_its_members_checked()
    {
        var document = await api.Client.DocumentAsync();

        var checkedSchemas = Members().Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);
        document.Schemas().EnumerateObject().Select(schema => schema.Name).Where(name => !checkedSchemas.Contains(name))
            .ShouldBeEmpty("schemas without a row in Members()");
    }

    [Theory]
    [InlineData("PlaceOrderCommand")]
    [InlineData("CartItemInput")]
    [InlineData("ShippingInput")]
    [InlineData("SetStockRequest")]
    public async Task a_required_request_member_may_not_be_null(string schema)
    {
        var document = await api.Client.DocumentAsync();

        foreach (var member in document.Schema(schema).GetProperty("required").EnumerateArray())
        {
            var property = document.Property(schema, member.GetString()!);
            property.AllowsNull().ShouldBeFalse($"{schema}.{member}: {property}");
        }
    }

    [Fact]
    public async Task the_refund_amount_may_be_left_out_but_not_sent_as_null()
    {
        var document = await api.Client.DocumentAsync();

        var amount = document.Property("RefundOrderRequest", "amount");
        amount.AllowsNull().ShouldBeFalse(amount.ToString());
        document.Schema("RefundOrderRequest").TryGetProperty("required", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task no_description_speaks_csharp()
    {
        var document = await api.Client.DocumentAsync();

        // What a documentation comment's cref turns into: "long? RefundOrderRequest.Amount".
        var csharp = new Regex(@"\b(long|int|bool|string)\??\s+[A-Z]\w+\.[A-Z]\w+|\b[A-Z]\w+(View|Request|Input|Command|Level|Address)\.[A-Z]\w+", RegexOptions.None, TimeSpan.FromSeconds(1));
        var descriptions = document.Descendants()
            .Where(node => node.ValueKind == JsonValueKind.Object && node.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(node => node.GetProperty("description").GetString()!)
            .ToList();
        descriptions.ShouldNotBeEmpty();
        descriptions.Where(text => csharp.IsMatch(text)).ShouldBeEmpty();
        // A type's name is the schema's name only in this document: a generated client may call it anything.
        var typeNames = document.Schemas().EnumerateObject().Select(schema => schema.Name).ToList();
        descriptions.Where(text => typeNames.Any(name => Regex.IsMatch(text, $@"\b{name}\b", RegexOptions.None, TimeSpan.FromSeconds(1)))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PlaceOrderCommand", "shipping", "physical goods")]
    [InlineData("ShippingInput", "postalCode", "postal codes")]
    public async Task a_member_required_only_sometimes_says_when(string schema, string member, string when)
    {
        var document = await api.Client.DocumentAsync();

        document.Property(schema, member).ToString().ShouldContain(when, Case.Sensitive);
    }

    [Theory]
    [InlineData("CheckoutResponse")]
    [InlineData("OrderView")]
    [InlineData("AdminOrderView")]
    public async Task an_order_s_status_is_one_the_contract_lists(string schema)
    {
        var statuses = StatusList().Match(Contract);
        statuses.Success.ShouldBeTrue("docs/api.md no longer lists the order statuses");
        var document = await api.Client.DocumentAsync();

        var status = document.Property(schema, "status");
        status.TryGetProperty("enum", out var values).ShouldBeTrue($"{schema}.status: {status}");
        values.EnumerateArray().Select(value => value.GetString()).Order()
            .ShouldBe(BacktickedName().Matches(statuses.Value).Select(match => match.Groups["name"].Value).Order());
    }

    [Theory]
    [InlineData("RefundView", new[] { "canceled", "failed", "pending", "requires_action", "succeeded" })]
    [InlineData("DisputeView", new[] { "lost", "needs_response", "prevented", "under_review", "warning_closed", "warning_needs_response", "warning_under_review", "won" })]
    public async Task a_refund_s_and_a_dispute_s_status_is_an_enum_of_the_provider_s_words(string schema, string[] expected)
    {
        var document = await api.Client.DocumentAsync();

        var status = document.Property(schema, "status");
        status.TryGetProperty("enum", out var values).ShouldBeTrue($"{schema}.status: {status}");
        values.EnumerateArray().Select(value => value.GetString()).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"Statuses:(\s*`[a-z_]+`,?)+")]
    private static partial Regex StatusList();

    [GeneratedRegex("`(?<name>[a-z_]+)`")]
    private static partial Regex BacktickedName();
}
