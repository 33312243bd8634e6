using System.Text.Json;

using Jamcart.Checkout.Orders;
using Jamcart.Functions.Cors;
using Jamcart.Functions.Idempotency;
using Jamcart.Functions.Requests;
using Jamcart.Functions.Views;

namespace Jamcart.Functions.Tests.Units;

/// <summary>The host's small pure parts, table-driven.</summary>
public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("buyer@example.com", "b****@example.com")]
    [InlineData("b@example.com", "b****@example.com")]
    [InlineData("🍵tea@example.com", "🍵****@example.com")]
    [InlineData("not-an-address", "****")]
    [InlineData("", "")]
    public void emails_are_masked_to_their_first_character_and_domain(string email, string masked) =>
        EmailMask.Mask(email).ShouldBe(masked);

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b" : [1, 2], "a" : 1 }""")]
    [InlineData("""{"s":"é"}""", """{"s":"\u00e9"}""")]
    [InlineData("""{"o":{"y":null,"x":true}}""", """{"o":{"x":true,"y":null}}""")]
    public void equal_bodies_hash_the_same(string one, string other) =>
        CanonicalJson.Hash(JsonDocument.Parse(one)).ShouldBe(CanonicalJson.Hash(JsonDocument.Parse(other)));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"b":[1,2]}""", """{"b":[2,1]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("{}", "")]
    public void different_bodies_hash_differently(string one, string other) =>
        CanonicalJson.Hash(JsonDocument.Parse(one)).ShouldNotBe(CanonicalJson.Hash(other.Length == 0 ? null : JsonDocument.Parse(other)));

    [Theory]
    [InlineData("a", true)]
    [InlineData("order-2026-11-24 #1 ~", true)]
    [InlineData("", false)]
    [InlineData("tab\t", false)]
    [InlineData("é", false)]
    [InlineData(null, false)]
    public void idempotency_keys_are_1_to_255_printable_ascii(string? key, bool valid) =>
        IdempotencyFilter.IsValidKey(key).ShouldBe(valid);

    [Fact]
    public void idempotency_keys_end_at_255_characters()
    {
        IdempotencyFilter.IsValidKey(new string('k', 255)).ShouldBeTrue();
        IdempotencyFilter.IsValidKey(new string('k', 256)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("$.items[0].quantity", "items[0].quantity")]
    [InlineData("$", "")]
    [InlineData(null, "")]
    [InlineData("$['odd key']", "['odd key']")]
    public void json_paths_become_api_paths(string? jsonPath, string apiPath) =>
        RequestBody.ApiPath(jsonPath).ShouldBe(apiPath);

    [Theory]
    [InlineData("https://shop.example", "https://shop.example")]
    [InlineData("https://Shop.Example:443/", "https://shop.example")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://shop.example/path", null)]
    [InlineData("ftp://shop.example", null)]
    [InlineData("shop.example", null)]
    public void configured_origins_are_origins_only(string text, string? origin) =>
        StoreCorsOrigins.Normalize(text).ShouldBe(origin);

    [Theory]
    [InlineData("stripe", null, "https://js.stripe.com/v3/")]
    [InlineData("stripe", "http://127.0.0.1:5081/", "https://js.stripe.com/v3/")]
    [InlineData("sandbox", "http://127.0.0.1:5081/", "http://127.0.0.1:5081/sandbox.js")]
    [InlineData("sandbox", "http://127.0.0.1:49152", "http://127.0.0.1:49152/sandbox.js")]
    [InlineData("sandbox", null, "http://127.0.0.1:5081/sandbox.js")]
    public void browsers_load_stripe_js_or_the_sandbox_script_from_its_own_origin(string provider, string? apiBase, string? script) =>
        PaymentScript.For(new() { Provider = provider, ApiBase = apiBase is null ? null : new Uri(apiBase) }).Url.ShouldBe(script);
}
