using System.Net;

using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Sandbox.Operations;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>
/// Stripe's <c>pm_card_refundFail</c> (4000 0000 0000 5126): the charge succeeds, and a refund of it starts as
/// succeeded and fails later, when the bank turns it down. The refunded amount goes back down and Stripe says so.
/// </summary>
public sealed class RefundFailureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
    private SandboxServer _server = null!;
    private SandboxApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SandboxFixture.StartAsync(options => options.TimeProvider = _clock);
        _api = new SandboxApi(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task a_refund_of_the_refund_fail_card_fails_a_minute_later_and_gives_the_amount_back_to_the_charge()
    {
        var id = await PaidIntentAsync("pm_card_refundFail");

        var made = await _api.PostAsync("/v1/refunds", ("payment_intent", id), ("amount", "1500"));
        var refundId = made.Json["id"]!.GetValue<string>();
        var before = await _api.GetAsync($"/v1/payment_intents/{id}?expand[0]=latest_charge");
        _clock.Advance(CreateRefund.FailureDelay - TimeSpan.FromSeconds(1));
        var stillMade = await _api.GetAsync($"/v1/refunds/{refundId}");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var failed = await _api.GetAsync($"/v1/refunds/{refundId}");
        var after = await _api.GetAsync($"/v1/payment_intents/{id}?expand[0]=latest_charge");
        var events = (await _api.GetAsync("/v1/events?limit=100")).Json["data"]!.AsArray()
            .Select(e => e!["type"]!.GetValue<string>()).ToList();

        made.Status.ShouldBe(HttpStatusCode.OK);
        made.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        before.Json["latest_charge"]!["amount_refunded"]!.GetValue<long>().ShouldBe(1500);
        stillMade.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        failed.Json["status"]!.GetValue<string>().ShouldBe("failed");
        failed.Json["failure_reason"]!.GetValue<string>().ShouldBe("expired_or_canceled_card");
        after.Json["latest_charge"]!["amount_refunded"]!.GetValue<long>().ShouldBe(0);
        after.Json["latest_charge"]!["refunded"]!.GetValue<bool>().ShouldBeFalse();
        events.ShouldContain("charge.refund.updated");
        events.ShouldContain("refund.failed");
    }

    [Fact]
    public async Task a_refund_of_any_other_card_stays_made()
    {
        var id = await PaidIntentAsync("pm_card_visa");

        var refundId = (await _api.PostAsync("/v1/refunds", ("payment_intent", id))).Json["id"]!.GetValue<string>();
        _clock.Advance(TimeSpan.FromHours(1));

        var refund = await _api.GetAsync($"/v1/refunds/{refundId}");
        refund.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        refund.Json.ContainsKey("failure_reason").ShouldBeFalse();
    }

    private async Task<string> PaidIntentAsync(string paymentMethod) =>
        (await _api.CreateIntentAsync(2000, "usd", ("payment_method", paymentMethod), ("confirm", "true")))["id"]!.GetValue<string>();
}
