using System.Net;

using Jamcart.Payments.Sandbox.Rules;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Every test card number, entered as the card field sends it, does what Stripe's testing table says.</summary>
public sealed class TestCardTests
{
    public static TheoryData<string> Numbers() => [.. TestCards.All.Select(card => card.Number)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task each_test_card_number_behaves_as_stripes_table_says(string number)
    {
        var card = TestCards.ForNumber(number);
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pm = await api.PostAsync("/v1/payment_methods", server.PublishableKey, null,
            ("type", "card"), ("card[number]", number), ("card[exp_month]", "12"), ("card[exp_year]", "2040"), ("card[cvc]", card.Brand == "amex" ? "1234" : "123"));
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var answer = await api.ConfirmAsync(id, pm.Json["id"]!.GetValue<string>());
        if (card.RequiresAuthentication)
        {
            answer.Json["status"]!.GetValue<string>().ShouldBe("requires_action");
            await server.CompleteThreeDSecureAsync(id, succeed: true);
        }
        else if (!card.Outcome.IsApproved)
        {
            answer.Status.ShouldBe(HttpStatusCode.PaymentRequired);
            answer.Error["code"]!.GetValue<string>().ShouldBe(card.Outcome.Code);
        }

        var final = (await api.GetAsync($"/v1/payment_intents/{id}")).Json;
        pm.Json["card"]!["brand"]!.GetValue<string>().ShouldBe(card.Brand);
        final["status"]!.GetValue<string>().ShouldBe(card.Outcome.IsApproved ? "succeeded" : "requires_payment_method");
        final["last_payment_error"]?["decline_code"]?.GetValue<string>().ShouldBe(card.Outcome.DeclineCode);
    }
}
