using System.Net;
using System.Text.Json.Nodes;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>Strings chosen to break parsers, SQL and HTML end in a 2xx or a 4xx, never a 500, wherever they are sent.</summary>
public abstract class HostileInputTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : HostileInputTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : HostileInputTests(api), IClassFixture<PostgresApi>;

    private static readonly string[] Strings =
    [
        "'; DROP TABLE orders; --",
        "\" OR 1=1 --",
        "<script>alert(document.cookie)</script>",
        "🍵🔥 Kim 김민지",
        "nul\0inside",
        "\0",
        new string('x', 10 * 1024),
        "../../etc/passwd",
        "%00%27",
        "\r\nSet-Cookie: a=b",
        "",
        " ",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task hostile_strings_in_any_checkout_field_never_cause_a_500()
    {
        var sku = await api.AddProductAsync(stock: 1000);
        string[] fields = ["sku", "email", "name", "line1", "line2", "city", "region", "postalCode", "country", "locale"];
        foreach (var field in fields)
        {
            foreach (var hostile in Strings)
            {
                var body = Buyer.CheckoutBody((sku, 1));
                switch (field)
                {
                    case "sku":
                        body["items"]![0]!["sku"] = hostile;
                        break;
                    case "email" or "locale":
                        body[field] = hostile;
                        break;
                    default:
                        body["shipping"]![field] = hostile;
                        break;
                }

                var response = await api.Client.CheckoutAsync(body);

                ((int)response.StatusCode).ShouldBeLessThan(500, $"{field} = {Shorten(hostile)}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }

        (await api.Client.PlaceOrderAsync(sku)).GetProperty("status").GetString().ShouldBe("pending_payment");
    }

    [Fact]
    public async Task a_lone_surrogate_or_an_invalid_escape_is_invalid_request()
    {
        var sku = await api.AddProductAsync();
        var json = Buyer.CheckoutBody((sku, 1)).ToJsonString().Replace("Kim Minji", "\\ud800\\u0000\\uZZZZ", StringComparison.Ordinal);

        var response = await api.Client.PostAsync("/api/checkout", Http.Json(json), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task half_a_surrogate_pair_in_a_name_or_a_value_is_invalid_request_on_every_endpoint_that_reads_json()
    {
        var sku = await api.AddProductAsync(stock: 1000);
        var order = await api.Client.PlaceOrderAsync(sku);
        var orderId = order.GetProperty("orderId").GetString()!;
        var token = order.GetProperty("orderToken").GetString()!;
        var withEmail = Buyer.CheckoutBody((sku, 1)).ToJsonString().Replace("\"email\":\"", "\"email\":\"\\ud800", StringComparison.Ordinal);
        using var admin = api.AdminClient();
        (HttpClient Client, HttpMethod Method, string Path, string Body, (string, string)[] Headers)[] requests =
        [
            (api.Client, HttpMethod.Post, "/api/checkout", """{"\udc00":1}""", []),
            (api.Client, HttpMethod.Post, "/api/checkout", withEmail, []),
            (api.Client, HttpMethod.Post, "/api/checkout", withEmail, [("Idempotency-Key", "half-surrogate-" + Guid.NewGuid())]),
            (api.Client, HttpMethod.Post, $"/api/orders/{orderId}/confirm", """{"\udc00":1}""", [("X-Order-Token", token)]),
            (admin, HttpMethod.Put, "/api/admin/stock/" + sku, """{"onHand":1,"\ud83c":2}""", []),
            (admin, HttpMethod.Post, $"/api/admin/orders/{orderId}/refund", """{"note":"\udfff"}""", [("Idempotency-Key", "half-surrogate-" + Guid.NewGuid())]),
        ];

        foreach (var (client, method, path, body, headers) in requests)
        {
            var response = await client.SendAsync(method, path, Http.Json(body), headers);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{method} {path} {body}: {await response.Content.ReadAsStringAsync(Ct)}");
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        }

        // A whole pair, escaped, is a character like any other.
        var pair = Buyer.CheckoutBody((sku, 1)).ToJsonString().Replace("Kim Minji", "Kim \\ud83c\\udf75", StringComparison.Ordinal);
        (await api.Client.PostAsync("/api/checkout", Http.Json(pair), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task hostile_strings_in_paths_headers_and_queries_never_cause_a_500()
    {
        await api.AddProductAsync();
        using var admin = api.AdminClient();
        foreach (var hostile in Strings.Where(text => text.Length > 0))
        {
            // A NUL in a path is refused by the in-memory server before the host sees it (Kestrel answers 400 itself).
            var segment = Uri.EscapeDataString(hostile.Replace("\0", "", StringComparison.Ordinal));
            var query = Uri.EscapeDataString(hostile);
            var printable = new string([.. hostile.Where(c => c is >= ' ' and <= '~')]);
            HttpResponseMessage[] answers =
            [
                await api.Client.GetOrderAsync(segment, printable),
                await api.Client.OrderActionAsync(segment, printable, "confirm"),
                await api.Client.GetAsync("/api/stock?sku=" + query, Ct),
                await admin.GetAsync($"/api/admin/orders?status={query}&cursor={query}&limit={query}", Ct),
                await admin.GetAsync("/api/admin/orders/" + segment, Ct),
                await admin.PutAsync("/api/admin/stock/" + segment, Http.Json("""{"onHand":1}"""), Ct),
                await admin.PostAsync($"/api/admin/orders/{segment}/refund", Http.Json(new JsonObject { ["amount"] = 1, ["note"] = hostile }), Ct),
            ];

            foreach (var answer in answers)
            {
                ((int)answer.StatusCode).ShouldBeLessThan(500, $"{answer.RequestMessage!.RequestUri}: {await answer.Content.ReadAsStringAsync(Ct)}");
            }
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
