using System.Net;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary><c>GET /v1/events</c> and <c>GET /v1/events/{id}</c>: Stripe's list envelope and cursor paging.</summary>
public sealed class EventsApiTests
{
    [Fact]
    public async Task events_page_newest_first_with_starting_after_and_ending_before()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        for (var i = 0; i < 5; i++)
        {
            await api.CreateIntentAsync();
        }

        var all = (await api.GetAsync("/v1/events?limit=100")).Json;
        var ids = all["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();
        var first = (await api.GetAsync("/v1/events?limit=2")).Json;
        var second = (await api.GetAsync($"/v1/events?limit=2&starting_after={ids[1]}")).Json;
        var last = (await api.GetAsync($"/v1/events?limit=2&starting_after={ids[3]}")).Json;
        var before = (await api.GetAsync($"/v1/events?limit=2&ending_before={ids[4]}")).Json;

        all["object"]!.GetValue<string>().ShouldBe("list");
        all["url"]!.GetValue<string>().ShouldBe("/v1/events");
        ids.Count.ShouldBe(5);
        first["has_more"]!.GetValue<bool>().ShouldBeTrue();
        first["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ShouldBe(ids[..2]);
        second["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ShouldBe(ids[2..4]);
        second["has_more"]!.GetValue<bool>().ShouldBeTrue();
        last["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ShouldBe(ids[4..]);
        last["has_more"]!.GetValue<bool>().ShouldBeFalse();
        before["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ShouldBe(ids[2..4]);
        before["has_more"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task events_filter_by_type_and_wildcard()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true"));

        var charges = (await api.GetAsync("/v1/events?type=charge.succeeded")).Json["data"]!.AsArray();
        var intents = (await api.GetAsync("/v1/events?type=payment_intent.*")).Json["data"]!.AsArray();

        charges.Count.ShouldBe(1);
        intents.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["payment_intent.succeeded", "payment_intent.created"]);
    }

    [Fact]
    public async Task an_event_carries_the_object_as_it_was_then_and_the_request_that_caused_it()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var created = await api.SendAsync(HttpMethod.Post, "/v1/payment_intents", [("amount", "2000"), ("currency", "usd")], server.SecretKey, "create-1", "2025-03-31.basil");
        var id = created.Json["id"]!.GetValue<string>();
        await api.ConfirmAsync(id, "pm_card_visa");

        var list = (await api.GetAsync("/v1/events?type=payment_intent.created")).Json["data"]!.AsArray();
        var evt = (await api.GetAsync($"/v1/events/{list[0]!["id"]}")).Json;

        evt["object"]!.GetValue<string>().ShouldBe("event");
        evt["id"]!.GetValue<string>().ShouldStartWith("evt_");
        evt["api_version"]!.GetValue<string>().ShouldBe("2025-03-31.basil");
        evt["livemode"]!.GetValue<bool>().ShouldBeFalse();
        evt["pending_webhooks"]!.GetValue<int>().ShouldBe(0);
        evt["request"]!["id"]!.GetValue<string>().ShouldBe(created.Header("Request-Id"));
        evt["request"]!["idempotency_key"]!.GetValue<string>().ShouldBe("create-1");
        evt["data"]!["object"]!["id"]!.GetValue<string>().ShouldBe(id);
        evt["data"]!["object"]!["status"]!.GetValue<string>().ShouldBe("requires_payment_method", "the snapshot, not today's status");
    }

    [Fact]
    public async Task every_state_change_raises_stripes_event()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var declined = (await api.CreateIntentAsync())["id"]!.GetValue<string>();
        await api.ConfirmAsync(declined, "pm_card_chargeDeclined");
        await api.PostAsync($"/v1/payment_intents/{declined}/cancel");
        var challenged = (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true")))["id"]!.GetValue<string>();
        await server.CompleteThreeDSecureAsync(challenged, succeed: true);
        await api.PostAsync("/v1/refunds", ("payment_intent", challenged));

        var types = (await api.GetAsync("/v1/events?limit=100")).Json["data"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Reverse();

        types.ShouldBe([
            "payment_intent.created", "charge.failed", "payment_intent.payment_failed", "payment_intent.canceled",
            "payment_intent.created", "payment_intent.requires_action", "charge.succeeded", "payment_intent.succeeded",
            "refund.created", "charge.refunded",
        ]);
    }

    [Theory]
    [InlineData("/v1/events?limit=0")]
    [InlineData("/v1/events?limit=101")]
    [InlineData("/v1/events?limit=ten")]
    public async Task a_limit_outside_1_to_100_is_refused(string path)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync(path);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["param"]!.GetValue<string>().ShouldBe("limit");
    }

    [Fact]
    public async Task an_unknown_event_answers_404()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync("/v1/events/evt_nope");
        var cursor = await api.GetAsync("/v1/events?starting_after=evt_nope");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.Error["message"]!.GetValue<string>().ShouldBe("No such event: 'evt_nope'");
        cursor.Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
