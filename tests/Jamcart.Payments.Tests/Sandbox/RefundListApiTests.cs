using System.Net;
using System.Text.Json.Nodes;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>
/// <c>GET /v1/refunds</c>: a payment's refunds in Stripe's list envelope, newest first, with the metadata that carries
/// the key of the request that made each, and Stripe's cursor paging.
/// </summary>
public sealed class RefundListApiTests
{
    [Fact]
    public async Task a_payments_refunds_page_newest_first_with_their_metadata_and_no_other_payments()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var paid = await PaidIntentAsync(api);
        var other = await PaidIntentAsync(api);
        var made = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            made.Add(await RefundAsync(api, paid, 100 * i, ("metadata[jamcart_refund_key]", $"refund:ord_1:{i}:{100 * i}")));
        }

        await RefundAsync(api, other, 300);
        var newestFirst = Enumerable.Reverse(made).ToList();

        var all = await api.GetAsync($"/v1/refunds?payment_intent={paid}&limit=100");
        var first = (await api.GetAsync($"/v1/refunds?payment_intent={paid}&limit=2")).Json;
        var second = (await api.GetAsync($"/v1/refunds?payment_intent={paid}&limit=2&starting_after={newestFirst[1]}")).Json;
        var last = (await api.GetAsync($"/v1/refunds?payment_intent={paid}&limit=2&starting_after={newestFirst[3]}")).Json;
        var before = (await api.GetAsync($"/v1/refunds?payment_intent={paid}&limit=2&ending_before={newestFirst[4]}")).Json;

        all.Status.ShouldBe(HttpStatusCode.OK, all.Body);
        (all.Json["object"]!.GetValue<string>(), all.Json["url"]!.GetValue<string>(), all.Json["has_more"]!.GetValue<bool>()).ShouldBe(("list", "/v1/refunds", false));
        var data = all.Json["data"]!.AsArray();
        Ids(all.Json).ShouldBe(newestFirst, "the latest refund first, though all were made within one second");
        data.ShouldAllBe(refund => refund!["object"]!.GetValue<string>() == "refund" && refund["payment_intent"]!.GetValue<string>() == paid);
        data[0]!["metadata"]!["jamcart_refund_key"]!.GetValue<string>().ShouldBe("refund:ord_1:5:500");
        data[0]!["amount"]!.GetValue<long>().ShouldBe(500);
        Ids(first).ShouldBe(newestFirst[..2]);
        first["has_more"]!.GetValue<bool>().ShouldBeTrue();
        Ids(second).ShouldBe(newestFirst[2..4]);
        second["has_more"]!.GetValue<bool>().ShouldBeTrue();
        Ids(last).ShouldBe(newestFirst[4..]);
        last["has_more"]!.GetValue<bool>().ShouldBeFalse();
        Ids(before).ShouldBe(newestFirst[2..4]);
        before["has_more"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task the_refunds_of_an_unknown_payment_are_refused_as_stripe_refuses_them()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync("/v1/refunds?payment_intent=pi_unknown");
        var tooMany = await api.GetAsync($"/v1/refunds?payment_intent={await PaidIntentAsync(api)}&limit=101");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        (answer.Error["code"]!.GetValue<string>(), answer.Error["param"]!.GetValue<string>()).ShouldBe(("resource_missing", "payment_intent"));
        tooMany.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static List<string> Ids(JsonObject list) => [.. list["data"]!.AsArray().Select(refund => refund!["id"]!.GetValue<string>())];

    private static async Task<string> PaidIntentAsync(SandboxApi api) =>
        (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true")))["id"]!.GetValue<string>();

    private static async Task<string> RefundAsync(SandboxApi api, string paymentIntent, long amount, params (string Name, string Value)[] extra)
    {
        var answer = await api.PostAsync("/v1/refunds", [("payment_intent", paymentIntent), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. extra]);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        return answer.Json["id"]!.GetValue<string>();
    }
}
