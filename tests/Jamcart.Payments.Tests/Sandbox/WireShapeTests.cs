using System.Text.Json;
using System.Text.Json.Nodes;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>
/// The sandbox's objects against Stripe's published examples (fixtures3.json): every field of the example is present,
/// with a compatible JSON type, or null where Stripe's specification lets it be null.
/// </summary>
public sealed class WireShapeTests
{
    // Fields Stripe's OpenAPI specification marks nullable whose example holds a value, and which the sandbox leaves
    // null because it has no such thing (no Connect, no wallets, no shipping, no legacy sources).
    private static readonly HashSet<string> Nullable = new(StringComparer.Ordinal)
    {
        "payment_intent.last_payment_error", "payment_intent.next_action", "payment_intent.payment_method_configuration_details",
        "payment_intent.processing", "payment_intent.shipping", "payment_intent.transfer_data", "payment_intent.canceled_at",
        "payment_intent.automatic_payment_methods",
        "charge.description", "charge.receipt_url", "charge.shipping", "charge.source",
        "charge.transfer_data", "charge.billing_details.name", "charge.payment_method_details.card.installments",
        "charge.payment_method_details.card.three_d_secure", "charge.payment_method_details.card.wallet",
        "payment_method.billing_details.address.city", "payment_method.billing_details.address.country",
        "payment_method.billing_details.address.line1", "payment_method.billing_details.address.postal_code",
        "payment_method.billing_details.address.state", "payment_method.billing_details.email",
        "payment_method.billing_details.phone", "payment_method.card.generated_from", "payment_method.card.wallet",
    };

    // Nested objects whose example is of another kind than the sandbox's: an event's object is a plan in the example,
    // and metadata is free-form.
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal)
    {
        "event.data.object", "payment_intent.metadata", "charge.metadata", "refund.metadata", "payment_method.metadata",
    };

    [Theory]
    [InlineData("payment_intent")]
    [InlineData("charge")]
    [InlineData("refund")]
    [InlineData("event")]
    [InlineData("payment_method")]
    public async Task sandbox_objects_have_every_field_of_stripes_example(string resource)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var sandbox = await SampleAsync(api, resource);

        var problems = new List<string>();
        Compare(Example(resource), sandbox, resource, problems);

        problems.ShouldBeEmpty();
        sandbox["object"]!.GetValue<string>().ShouldBe(resource);
    }

    [Fact]
    public async Task lists_have_stripes_envelope()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var list = (await api.GetAsync("/v1/events")).Json;

        list.Select(p => p.Key).ShouldBe(["object", "data", "has_more", "url"], ignoreOrder: true);
        list["object"]!.GetValue<string>().ShouldBe("list");
    }

    private static async Task<JsonObject> SampleAsync(SandboxApi api, string resource)
    {
        var pi = await api.CreateIntentAsync(5000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true"), ("metadata[order_id]", "o1"));
        var id = pi["id"]!.GetValue<string>();
        var refund = (await api.PostAsync("/v1/refunds", ("payment_intent", id), ("amount", "1000"))).Json;
        return resource switch
        {
            "payment_intent" => (await api.GetAsync($"/v1/payment_intents/{id}")).Json,
            "charge" => (await api.GetAsync($"/v1/charges/{pi["latest_charge"]}")).Json,
            "refund" => refund,
            "event" => (await api.GetAsync("/v1/events?limit=1")).Json["data"]![0]!.AsObject(),
            "payment_method" => (await api.PostAsync("/v1/payment_methods", api.Server.PublishableKey, null,
                ("type", "card"), ("card[number]", "4242424242424242"), ("card[exp_month]", "8"), ("card[exp_year]", "2030"))).Json,
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
    }

    private static JsonObject Example(string resource)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures3.json");
        return JsonNode.Parse(File.ReadAllText(path))!["resources"]![resource]!.AsObject();
    }

    private static void Compare(JsonObject example, JsonObject sandbox, string path, List<string> problems)
    {
        foreach (var (name, expected) in example)
        {
            var here = path + "." + name;
            if (!sandbox.TryGetPropertyValue(name, out var actual))
            {
                problems.Add($"{here} is missing");
                continue;
            }

            if (actual is null)
            {
                if (expected is not null && !Nullable.Contains(here))
                {
                    problems.Add($"{here} is null, but the example has {Kind(expected)} and it is not nullable");
                }

                continue;
            }

            if (expected is null || Opaque.Contains(here))
            {
                continue;
            }

            if (Kind(expected) != Kind(actual))
            {
                problems.Add($"{here} is {Kind(actual)}, the example has {Kind(expected)}");
                continue;
            }

            if (expected is JsonObject nestedExample)
            {
                Compare(nestedExample, actual.AsObject(), here, problems);
            }
            else if (expected is JsonArray { Count: > 0 } items && items[0] is JsonObject first && actual.AsArray() is { Count: > 0 } actualItems)
            {
                Compare(first, actualItems[0]!.AsObject(), here + "[0]", problems);
            }
        }
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
        var kind => kind,
    };
}
