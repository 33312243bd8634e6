using System.Net;

using Jamcart.Payments.Sandbox;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>
/// Stripe's <c>pm_card_createDispute</c> (4000 0000 0000 0259): the charge succeeds and is disputed as fraudulent at
/// once. Evidence reading <c>winning_evidence</c> or <c>losing_evidence</c> decides it; closing it accepts it.
/// </summary>
public sealed class DisputeTests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private SandboxApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SandboxFixture.StartAsync();
        _api = new SandboxApi(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task the_dispute_card_is_charged_then_disputed_as_fraudulent()
    {
        var id = await PaidIntentAsync("pm_card_createDispute");

        var intent = await _api.GetAsync($"/v1/payment_intents/{id}?expand[0]=latest_charge");
        var created = (await EventsAsync()).Where(e => e!["type"]!.GetValue<string>() == "charge.dispute.created").ShouldHaveSingleItem()!["data"]!["object"]!;
        var dispute = await _api.GetAsync($"/v1/disputes/{created["id"]!.GetValue<string>()}");

        intent.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        intent.Json["latest_charge"]!["disputed"]!.GetValue<bool>().ShouldBeTrue();
        dispute.Status.ShouldBe(HttpStatusCode.OK);
        dispute.Json["id"]!.GetValue<string>().ShouldStartWith("dp_");
        (dispute.Json["object"]!.GetValue<string>(), dispute.Json["payment_intent"]!.GetValue<string>()).ShouldBe(("dispute", id));
        (dispute.Json["amount"]!.GetValue<long>(), dispute.Json["currency"]!.GetValue<string>()).ShouldBe((2000L, "usd"));
        (dispute.Json["reason"]!.GetValue<string>(), dispute.Json["status"]!.GetValue<string>()).ShouldBe(("fraudulent", "needs_response"));
        dispute.Json["evidence_details"]!["due_by"]!.GetValue<long>().ShouldBeGreaterThan(dispute.Json["created"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("winning_evidence", "won")]
    [InlineData("losing_evidence", "lost")]
    public async Task submitted_evidence_decides_the_dispute_as_in_stripes_test_mode(string evidence, string outcome)
    {
        var disputeId = await DisputeOfAsync(await PaidIntentAsync("pm_card_createDispute"));

        var answered = await _api.PostAsync($"/v1/disputes/{disputeId}", ("evidence[uncategorized_text]", evidence));
        var again = await _api.PostAsync($"/v1/disputes/{disputeId}", ("evidence[uncategorized_text]", "more"));

        answered.Json["status"]!.GetValue<string>().ShouldBe(outcome);
        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        var closed = (await EventsAsync()).Where(e => e!["type"]!.GetValue<string>() == "charge.dispute.closed").ShouldHaveSingleItem();
        closed!["data"]!["object"]!["status"]!.GetValue<string>().ShouldBe(outcome);
    }

    [Fact]
    public async Task closing_a_dispute_accepts_it_and_other_evidence_leaves_it_under_review()
    {
        var disputeId = await DisputeOfAsync(await PaidIntentAsync("pm_card_createDispute"));

        var reviewed = await _api.PostAsync($"/v1/disputes/{disputeId}", ("evidence[uncategorized_text]", "Delivered with a signature."));
        var closed = await _api.PostAsync($"/v1/disputes/{disputeId}/close");

        reviewed.Json["status"]!.GetValue<string>().ShouldBe("under_review");
        closed.Json["status"]!.GetValue<string>().ShouldBe("lost");
        (await EventsAsync()).Select(e => e!["type"]!.GetValue<string>()).ShouldContain("charge.dispute.closed");
    }

    [Fact]
    public async Task other_cards_are_never_disputed()
    {
        var id = await PaidIntentAsync("pm_card_visa");

        var intent = await _api.GetAsync($"/v1/payment_intents/{id}?expand[0]=latest_charge");

        intent.Json["latest_charge"]!["disputed"]!.GetValue<bool>().ShouldBeFalse();
        (await EventsAsync()).Select(e => e!["type"]!.GetValue<string>()).ShouldNotContain("charge.dispute.created");
        (await _api.GetAsync("/v1/disputes/dp_unknown")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> PaidIntentAsync(string paymentMethod) =>
        (await _api.CreateIntentAsync(2000, "usd", ("payment_method", paymentMethod), ("confirm", "true")))["id"]!.GetValue<string>();

    private async Task<string> DisputeOfAsync(string paymentIntentId) =>
        (await EventsAsync()).Single(e => e!["type"]!.GetValue<string>() == "charge.dispute.created"
            && e["data"]!["object"]!["payment_intent"]!.GetValue<string>() == paymentIntentId)!["data"]!["object"]!["id"]!.GetValue<string>();

    private async Task<System.Text.Json.Nodes.JsonArray> EventsAsync() => (await _api.GetAsync("/v1/events?limit=100")).Json["data"]!.AsArray();
}
