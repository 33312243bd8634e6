using System.Globalization;
using System.Net;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Stripe's amount rules per currency: minimums, eight digits, zero- and three-decimal units.</summary>
public sealed class AmountRulesTests
{
    [Theory]
    [InlineData("usd", 50, null)]
    [InlineData("usd", 49, "amount_too_small")]
    [InlineData("USD", 99_999_999, null)]
    [InlineData("usd", 100_000_000, "amount_too_large")]
    [InlineData("eur", 50, null)]
    [InlineData("eur", 49, "amount_too_small")]
    [InlineData("gbp", 30, null)]
    [InlineData("gbp", 29, "amount_too_small")]
    [InlineData("jpy", 50, null)]
    [InlineData("jpy", 49, "amount_too_small")]
    [InlineData("jpy", 100_000_000, "amount_too_large")]
    [InlineData("krw", 700, null)]
    [InlineData("krw", 699, "amount_too_small")]
    [InlineData("KRW", 27_000, null)]
    [InlineData("kwd", 1250, null)]
    [InlineData("kwd", 1255, "invalid_charge_amount")]
    [InlineData("kwd", 150, "amount_too_small")]
    [InlineData("isk", 6300, null)]
    [InlineData("isk", 6350, "invalid_charge_amount")]
    [InlineData("usd", 0, "amount_too_small")]
    [InlineData("usd", -5, "parameter_invalid_integer")]
    public async Task amounts_follow_stripes_rules_for_their_currency(string currency, long amount, string? code)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.PostAsync("/v1/payment_intents", ("amount", amount.ToString(CultureInfo.InvariantCulture)), ("currency", currency));

        if (code is null)
        {
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
            answer.Json["currency"]!.GetValue<string>().ShouldBe(currency.ToLowerInvariant());
            answer.Json["amount"]!.GetValue<long>().ShouldBe(amount);
            return;
        }

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        answer.Error["code"]!.GetValue<string>().ShouldBe(code);
        answer.Error["param"]!.GetValue<string>().ShouldBe("amount");
    }

    [Theory]
    [InlineData("usd", 49, "Amount must be at least $0.50 usd")]
    [InlineData("jpy", 10, "Amount must be at least ¥50 jpy")]
    [InlineData("usd", 100_000_000, "Amount must be no more than $999,999.99 usd")]
    [InlineData("krw", 99, "Amount must convert to at least 50 cents. ₩99 converts to approximately $0.07.")]
    public async Task amount_errors_are_worded_like_stripes(string currency, long amount, string message)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.PostAsync("/v1/payment_intents", ("amount", amount.ToString(CultureInfo.InvariantCulture)), ("currency", currency));

        answer.Error["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task three_decimal_refund_amounts_must_end_in_zero()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync(5000, "kwd", ("payment_method", "pm_card_visa"), ("confirm", "true")))["id"]!.GetValue<string>();

        var refused = await api.PostAsync("/v1/refunds", ("payment_intent", id), ("amount", "1005"));
        var refunded = await api.PostAsync("/v1/refunds", ("payment_intent", id), ("amount", "1000"));

        refused.Error["code"]!.GetValue<string>().ShouldBe("invalid_charge_amount");
        refunded.Status.ShouldBe(HttpStatusCode.OK);
    }
}
