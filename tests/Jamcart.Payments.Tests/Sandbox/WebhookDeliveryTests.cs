using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Sandbox.Webhooks;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Signed webhook deliveries, checked with Stripe.net's own verification; retries, and the chaos switch.</summary>
public sealed class WebhookDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task every_event_is_posted_signed_so_that_stripe_net_verifies_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        await using var server = await SandboxFixture.StartAsync(options => options.WebhookUrl = receiver.Url);
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true"), ("metadata[order_id]", "ord_7")))["id"]!.GetValue<string>();

        (await server.DeliverPendingWebhooksAsync(Ct)).ShouldBe(3);

        var received = receiver.Received;
        received.Count.ShouldBe(3);
        var events = received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, server.WebhookSecret)).ToList();
        events.Select(e => e.Type).ShouldBe(["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"], ignoreOrder: true);
        var succeeded = events.Single(e => e.Type == "payment_intent.succeeded").Data.Object.ShouldBeOfType<PaymentIntent>();
        succeeded.Id.ShouldBe(id);
        succeeded.Metadata["order_id"].ShouldBe("ord_7");
        received.ShouldAllBe(r => r.ContentType.StartsWith("application/json", StringComparison.Ordinal));
        Should.Throw<StripeException>(() => EventUtility.ConstructEvent(received[0].Body, received[0].Signature, "whsec_other"));
    }

    [Fact]
    public async Task the_signature_timestamp_comes_from_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.TimeProvider = clock;
            options.WebhookSecret = "whsec_fixed_for_this_test";
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();

        await server.DeliverPendingWebhooksAsync(Ct);

        var delivery = receiver.Received.ShouldHaveSingleItem();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        delivery.Signature.ShouldStartWith($"t={now},v1=");
        var evt = EventUtility.ConstructEvent(delivery.Body, delivery.Signature, "whsec_fixed_for_this_test", 300, now, throwOnApiVersionMismatch: false);
        evt.Type.ShouldBe("payment_intent.created");
        delivery.Signature.ShouldBe(EventUtility.GenerateSignatureHeader(delivery.Body, "whsec_fixed_for_this_test", now));
    }

    [Fact]
    public async Task a_failed_delivery_is_retried_until_the_endpoint_answers_2xx()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.AnswerNext(500);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.TimeProvider = clock;
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();

        // The background loop may make the first attempt before the first flush does; two flushes cover both cases.
        var delivered = await server.DeliverPendingWebhooksAsync(Ct) + await server.DeliverPendingWebhooksAsync(Ct);

        var received = receiver.Received;
        received.Select(r => r.AnsweredStatus).ShouldBe([500, 200]);
        received[1].Body.ShouldContain(JsonNode.Parse(received[0].Body)!["id"]!.GetValue<string>());
        delivered.ShouldBe(1);
        (await server.DeliverPendingWebhooksAsync(Ct)).ShouldBe(0);
        receiver.Received.Count.ShouldBe(2);
    }

    [Fact]
    public async Task retries_back_off_in_the_background_on_the_time_providers_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.AnswerNext(500, 503);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.TimeProvider = clock;
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();

        (await receiver.WaitForAsync(1)).Count.ShouldBe(1);
        await Task.Delay(100, Ct);
        receiver.Received.Count.ShouldBe(1, "the next attempt waits 0.5 s on the sandbox's clock");
        (await AdvanceUntilAsync(clock, receiver, RetrySchedule.After(1), 2)).Count.ShouldBe(2);
        var received = await AdvanceUntilAsync(clock, receiver, RetrySchedule.After(2), 3);

        received.Select(r => r.AnsweredStatus).ShouldBe([500, 503, 200]);
    }

    /// <summary>Moves the sandbox's clock by <paramref name="step"/> until the receiver has <paramref name="count"/> attempts.</summary>
    /// <remarks>
    /// The sandbox sets its next wait only once it has read the receiver's answer, which can be after the receiver
    /// counted the attempt; a clock moved before that does not wake the wait, so it is moved again.
    /// </remarks>
    private static async Task<IReadOnlyList<ReceivedWebhook>> AdvanceUntilAsync(FakeTimeProvider clock, WebhookReceiver receiver, TimeSpan step, int count)
    {
        for (var tries = 0; tries < 50 && receiver.Received.Count < count; tries++)
        {
            clock.Advance(step);
            await receiver.WaitForAsync(count, TimeSpan.FromMilliseconds(200));
        }

        return receiver.Received;
    }

    [Fact]
    public void the_back_off_doubles_from_half_a_second_up_to_30_seconds()
    {
        Enumerable.Range(1, 8).Select(RetrySchedule.After).ShouldBe(
        [
            TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4),
            TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30),
        ]);
        var created = DateTimeOffset.UtcNow;
        RetrySchedule.GivesUp(RetrySchedule.MaxAttempts, created, created).ShouldBeTrue();
        RetrySchedule.GivesUp(1, created, created + TimeSpan.FromHours(1)).ShouldBeTrue();
        RetrySchedule.GivesUp(1, created, created + TimeSpan.FromMinutes(59)).ShouldBeFalse();
    }

    [Fact]
    public async Task a_delivery_is_given_up_after_an_hour_and_no_longer_pending()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.AnswerNext(500, 500, 500, 500);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.TimeProvider = clock;
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();
        await server.DeliverPendingWebhooksAsync(Ct);
        var pending = (await api.GetAsync("/v1/events")).Json["data"]![0]!["pending_webhooks"]!.GetValue<int>();

        clock.Advance(TimeSpan.FromHours(1));
        await server.DeliverPendingWebhooksAsync(Ct);
        var attempts = receiver.Received.Count;
        await server.DeliverPendingWebhooksAsync(Ct);

        pending.ShouldBe(1);
        receiver.Received.Count.ShouldBe(attempts, "no attempt after giving up");
        (await api.GetAsync("/v1/events")).Json["data"]![0]!["pending_webhooks"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task chaos_duplicates_deliver_events_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.Chaos = new SandboxChaos { DuplicateRate = 1, Seed = 7 };
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();
        await api.CreateIntentAsync();

        (await server.DeliverPendingWebhooksAsync(Ct)).ShouldBe(4);

        var ids = receiver.Received.Select(r => JsonNode.Parse(r.Body)!["id"]!.GetValue<string>()).ToList();
        ids.Count.ShouldBe(4);
        ids.Distinct().Count().ShouldBe(2);
        receiver.Received.ShouldAllBe(r => EventUtility.ConstructEvent(r.Body, r.Signature, server.WebhookSecret, 300, true) != null);
    }

    [Fact]
    public async Task chaos_delays_hold_deliveries_back_until_their_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        await using var server = await SandboxFixture.StartAsync(options =>
        {
            options.WebhookUrl = receiver.Url;
            options.TimeProvider = clock;
            options.Chaos = new SandboxChaos { DelayRate = 1, MaxDelay = TimeSpan.FromMinutes(5), Seed = 3 };
        });
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();
        await api.CreateIntentAsync();

        await Task.Delay(150, Ct);
        var early = receiver.Received.Count;
        clock.Advance(TimeSpan.FromMinutes(5));
        var late = await receiver.WaitForAsync(2);

        early.ShouldBe(0);
        late.Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_same_seed_gives_the_same_reordered_deliveries()
    {
        async Task<List<string>> RunAsync()
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
            await using var server = await SandboxFixture.StartAsync(options =>
            {
                options.WebhookUrl = receiver.Url;
                options.TimeProvider = clock;
                // Everything is held back, so one flush sees the whole queue and shuffles it.
                options.Chaos = new SandboxChaos { Reorder = true, DelayRate = 1, MaxDelay = TimeSpan.FromHours(1), Seed = 42 };
            });
            using var api = new SandboxApi(server);
            for (var i = 1; i <= 6; i++)
            {
                await api.CreateIntentAsync(1000 + i);
            }

            await server.DeliverPendingWebhooksAsync(Ct);
            return [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!["data"]!["object"]!["amount"]!.ToJsonString())];
        }

        var first = await RunAsync();
        var second = await RunAsync();

        first.Count.ShouldBe(6);
        first.ShouldBe(second);
        first.ShouldNotBe(first.Order().ToList(), "six events in creation order would mean no reordering happened");
    }

    [Fact]
    public async Task without_a_webhook_url_events_have_no_pending_webhooks()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        await api.CreateIntentAsync();

        (await server.DeliverPendingWebhooksAsync(Ct)).ShouldBe(0);
        (await api.GetAsync("/v1/events")).Json["data"]![0]!["pending_webhooks"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task a_slow_webhook_endpoint_does_not_hold_up_the_api()
    {
        await using var receiver = await WebhookReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.AnswerNext(500, 500, 500);
        await using var server = await SandboxFixture.StartAsync(options => options.WebhookUrl = receiver.Url);
        using var api = new SandboxApi(server);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await api.CreateIntentAsync();
        }

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }
}
