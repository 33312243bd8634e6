using System.Net;
using System.Text.Json;

using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Functions.Tests.Support;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>
/// A shop in Kuwaiti dinars through HTTP and the sandbox, which, like Stripe, takes KWD only in steps of 10 fils: a
/// checkout is priced in whole steps and paid, refunds between two steps are refused, and a total the provider cannot
/// charge is a 400, on SQLite and on PostgreSQL.
/// </summary>
public abstract class KwdCheckoutTests(ApiFixture api)
{
    /// <summary>KWD 1.500 shipping anywhere, 8.875 % tax added at checkout.</summary>
    public static StoreSettings Kuwait { get; } = ApiFixture.Settings with
    {
        Name = "Kuwaiti test shop",
        Pricing = new PricingRules(Currency.KWD, new ShippingRule(new Money(1500, Currency.KWD), null, []), new TaxRule(88_750, Inclusive: false)),
    };

    public sealed class KwdSqlite : SqliteApi
    {
        public override StoreSettings ShopSettings => Kuwait;
    }

    public sealed class KwdPostgres(PostgresServer server) : PostgresApi(server)
    {
        public override StoreSettings ShopSettings => Kuwait;
    }

    public sealed class OnSqlite(KwdSqlite api) : KwdCheckoutTests(api), IClassFixture<KwdSqlite>;

    public sealed class OnPostgres(KwdPostgres api) : KwdCheckoutTests(api), IClassFixture<KwdPostgres>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_kwd_checkout_is_priced_in_whole_steps_paid_in_the_browser_and_confirmed()
    {
        var sku = await api.AddProductAsync(stock: 5, price: 10_000);

        var placed = await api.Client.PlaceOrderAsync(sku);

        // 10.000 + 1.500 shipping = 11.500; 8.875 % of it is 1.020625, rounded to 1.020: the total ends in 0.
        placed.GetProperty("currency").GetString().ShouldBe("KWD");
        (Amount(placed, "subtotal"), Amount(placed, "shipping"), Amount(placed, "tax"), Amount(placed, "total")).ShouldBe((10_000L, 1500L, 1020L, 12_520L));
        placed.GetProperty("taxInclusive").GetBoolean().ShouldBeFalse();
        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"))).ShouldBe("succeeded");
        var confirmed = await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await confirmed.JsonAsync();
        order.GetProperty("status").GetString().ShouldBe("paid");
        Amount(order, "total").ShouldBe(12_520);
        (await api.Client.AvailableAsync(sku)).ShouldBe(4);
    }

    [Fact]
    public async Task a_kwd_refund_between_two_steps_is_an_invalid_request_and_one_in_steps_is_made()
    {
        var sku = await api.AddProductAsync(price: 10_000);
        var placed = await api.Client.PlaceOrderAsync(sku);
        await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"));
        (await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = api.AdminClient();

        var between = await admin.PostAsync($"/api/admin/orders/{Id(placed)}/refund", Http.Json("""{"amount":5125}"""), Ct);
        var inSteps = await admin.PostAsync($"/api/admin/orders/{Id(placed)}/refund", Http.Json("""{"amount":5120}"""), Ct);

        var problem = await between.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.ErrorKeys().ShouldBe(["amount"]);
        problem.GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldEndWith("send 5120 or 5130.");
        inSteps.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refunded = await inSteps.JsonAsync();
        refunded.GetProperty("status").GetString().ShouldBe("partially_refunded");
        Amount(refunded, "refundedAmount").ShouldBe(5120);
        refunded.GetProperty("refunds").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_kwd_price_the_provider_cannot_charge_is_amount_out_of_range_and_keeps_nothing()
    {
        // 12.345: a price synced before the build refused amounts between two steps; 12.345 + 1.500 + 1.230 tax = 15.075.
        var sku = await api.AddProductAsync(stock: 3, price: 12_345);

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount-out-of-range");
        problem.GetProperty("detail").GetString().ShouldBe("The payment provider cannot charge an order total of 15.075 KWD; nothing was kept.");
        problem.TryGetProperty("minimum", out _).ShouldBeFalse();
        problem.TryGetProperty("maximum", out _).ShouldBeFalse();
        (await api.Client.AvailableAsync(sku)).ShouldBe(3);
    }

    private static long Amount(JsonElement order, string name) => order.GetProperty(name).GetInt64();

    private static string Id(JsonElement placed) => placed.GetProperty("orderId").GetString()!;

    private static string Token(JsonElement placed) => placed.GetProperty("orderToken").GetString()!;
}
