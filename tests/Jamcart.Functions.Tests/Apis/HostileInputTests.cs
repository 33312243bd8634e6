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
