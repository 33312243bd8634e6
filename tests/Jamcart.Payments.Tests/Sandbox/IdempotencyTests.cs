using System.Net;

using Jamcart.Payments.Sandbox.Api;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary><c>Idempotency-Key</c> as Stripe honours it: replay, conflict, scope, expiry and concurrency.</summary>
public sealed class IdempotencyTests
{
    private static readonly (string, string)[] Order = [("amount", "2000"), ("currency", "usd"), ("metadata[order_id]", "o1")];

    [Fact]
    public async Task the_same_key_and_parameters_replay_the_first_response_exactly()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var first = await api.PostAsync("/v1/payment_intents", server.SecretKey, "order:o1:create", Order);
        var second = await api.PostAsync("/v1/payment_intents", server.SecretKey, "order:o1:create", [.. Order.Reverse()]);

        second.Status.ShouldBe(first.Status);
        second.Body.ShouldBe(first.Body);
        second.Header("Idempotent-Replayed").ShouldBe("true");
        second.Header("Original-Request").ShouldBe(first.Header("Request-Id"));
        first.Header("Idempotent-Replayed").ShouldBeNull();
        (await api.GetAsync("/v1/events?type=payment_intent.created")).Json["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task other_parameters_with_the_same_key_are_an_idempotency_error()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        await api.PostAsync("/v1/payment_intents", server.SecretKey, "k1", Order);

        var answer = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k1", ("amount", "2500"), ("currency", "usd"));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["type"]!.GetValue<string>().ShouldBe("idempotency_error");
        answer.Error["message"]!.GetValue<string>().ShouldBe(
            "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k1' if you meant to execute a different request.");
    }

    [Fact]
    public async Task the_same_key_on_another_endpoint_is_an_idempotency_error()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k2", Order);

        var answer = await api.PostAsync($"/v1/payment_intents/{pi.Json["id"]}/cancel", server.SecretKey, "k2");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["type"]!.GetValue<string>().ShouldBe("idempotency_error");
        answer.Error["message"]!.GetValue<string>().ShouldContain("same endpoint");
    }

    [Fact]
    public async Task a_declined_confirmation_is_replayed_not_charged_again()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var first = await api.PostAsync($"/v1/payment_intents/{id}/confirm", server.SecretKey, "confirm-1", ("payment_method", "pm_card_chargeDeclined"));
        var second = await api.PostAsync($"/v1/payment_intents/{id}/confirm", server.SecretKey, "confirm-1", ("payment_method", "pm_card_chargeDeclined"));

        first.Status.ShouldBe(HttpStatusCode.PaymentRequired);
        second.Status.ShouldBe(HttpStatusCode.PaymentRequired);
        second.Body.ShouldBe(first.Body);
        second.Header("Idempotent-Replayed").ShouldBe("true");
        (await api.GetAsync("/v1/events?type=charge.failed")).Json["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_request_refused_for_its_parameters_is_not_saved_and_can_be_fixed()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var refused = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k3", ("amount", "10"), ("currency", "usd"));
        var fixedUp = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k3", Order);

        refused.Error["code"]!.GetValue<string>().ShouldBe("amount_too_small");
        fixedUp.Status.ShouldBe(HttpStatusCode.OK);
        fixedUp.Header("Idempotent-Replayed").ShouldBeNull();
    }

    [Fact]
    public async Task keys_are_scoped_to_the_api_key()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.PostAsync("/v1/payment_intents", server.SecretKey, "shared", Order);

        var browser = await api.PostAsync($"/v1/payment_intents/{pi.Json["id"]}/confirm", server.PublishableKey, "shared",
            ("client_secret", pi.Json["client_secret"]!.GetValue<string>()), ("payment_method", "pm_card_visa"));

        browser.Status.ShouldBe(HttpStatusCode.OK, browser.Body);
        browser.Header("Idempotent-Replayed").ShouldBeNull();
    }

    [Fact]
    public async Task keys_longer_than_255_characters_are_refused()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var ok = await api.PostAsync("/v1/payment_intents", server.SecretKey, new string('k', 255), Order);
        var tooLong = await api.PostAsync("/v1/payment_intents", server.SecretKey, new string('k', 256), Order);

        ok.Status.ShouldBe(HttpStatusCode.OK);
        tooLong.Status.ShouldBe(HttpStatusCode.BadRequest);
        tooLong.Error["type"]!.GetValue<string>().ShouldBe("idempotency_error");
    }

    [Fact]
    public async Task keys_expire_after_24_hours()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SandboxFixture.StartAsync(options => options.TimeProvider = clock);
        using var api = new SandboxApi(server);
        var first = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k4", Order);

        clock.Advance(TimeSpan.FromHours(23));
        var replay = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k4", Order);
        clock.Advance(TimeSpan.FromHours(1));
        var fresh = await api.PostAsync("/v1/payment_intents", server.SecretKey, "k4", Order);

        replay.Json["id"]!.GetValue<string>().ShouldBe(first.Json["id"]!.GetValue<string>());
        fresh.Json["id"]!.GetValue<string>().ShouldNotBe(first.Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task concurrent_requests_with_one_key_create_one_payment()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            api.PostAsync("/v1/payment_intents", server.SecretKey, "race", Order)));

        var ok = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        ok.ShouldNotBeEmpty();
        ok.Select(a => a.Json["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a =>
            a.Status == HttpStatusCode.Conflict && a.Body.Contains("idempotency_error", StringComparison.Ordinal));
        (await api.GetAsync("/v1/events?type=payment_intent.created")).Json["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public void a_second_request_while_the_first_runs_gets_a_retryable_409()
    {
        var store = new IdempotencyStore(TimeProvider.System);
        var claim = store.Begin("sk_test_a", "k", "/v1/payment_intents", "same");

        var conflict = Should.Throw<SandboxApiException>(() => store.Begin("sk_test_a", "k", "/v1/payment_intents", "same"));
        store.Complete(claim, new StoredResponse(200, "{}", "req_1"));
        var replay = store.Begin("sk_test_a", "k", "/v1/payment_intents", "same");

        conflict.Status.ShouldBe(409);
        conflict.Type.ShouldBe("idempotency_error");
        conflict.Headers["Stripe-Should-Retry"].ShouldBe("true");
        replay.Replay.ShouldNotBeNull().Body.ShouldBe("{}");
    }
}
