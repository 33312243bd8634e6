using System.Net;
using System.Text.Json.Nodes;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>The PaymentIntent lifecycle over plain HTTP, as Stripe answers it.</summary>
public sealed class PaymentIntentApiTests
{
    [Fact]
    public async Task created_payment_intent_waits_for_a_payment_method_and_echoes_its_parameters()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var pi = await api.CreateIntentAsync(2500, "USD", ("metadata[order_id]", "ord_1"), ("description", "Tea"), ("payment_method_types[]", "card"));

        pi["object"]!.GetValue<string>().ShouldBe("payment_intent");
        pi["id"]!.GetValue<string>().ShouldStartWith("pi_");
        pi["client_secret"]!.GetValue<string>().ShouldStartWith(pi["id"]!.GetValue<string>() + "_secret_");
        pi["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        pi["amount"]!.GetValue<long>().ShouldBe(2500);
        pi["currency"]!.GetValue<string>().ShouldBe("usd");
        pi["amount_received"]!.GetValue<long>().ShouldBe(0);
        pi["livemode"]!.GetValue<bool>().ShouldBeFalse();
        pi["latest_charge"].ShouldBeNull();
        pi["metadata"]!["order_id"]!.GetValue<string>().ShouldBe("ord_1");
        pi["description"]!.GetValue<string>().ShouldBe("Tea");
        pi["payment_method_types"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["card"]);
    }

    [Fact]
    public async Task created_time_comes_from_the_time_provider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await using var server = await SandboxFixture.StartAsync(options => options.TimeProvider = clock);
        using var api = new SandboxApi(server);

        var pi = await api.CreateIntentAsync();

        pi["created"]!.GetValue<long>().ShouldBe(clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task retrieve_returns_the_same_payment_intent()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.CreateIntentAsync();
        var id = pi["id"]!.GetValue<string>();

        var answer = await api.GetAsync($"/v1/payment_intents/{id}");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Json["id"]!.GetValue<string>().ShouldBe(id);
        answer.Json["client_secret"]!.GetValue<string>().ShouldBe(pi["client_secret"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("pm_card_visa")]
    [InlineData("pm_card_mastercard")]
    [InlineData("pm_card_amex")]
    [InlineData("pm_card_visa_debit")]
    public async Task confirming_with_a_good_card_succeeds_and_makes_a_charge(string paymentMethod)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.CreateIntentAsync(1234);
        var id = pi["id"]!.GetValue<string>();

        var answer = await api.ConfirmAsync(id, paymentMethod);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        var confirmed = answer.Json;
        confirmed["status"]!.GetValue<string>().ShouldBe("succeeded");
        confirmed["amount_received"]!.GetValue<long>().ShouldBe(1234);
        confirmed["payment_method"]!.GetValue<string>().ShouldStartWith("pm_");
        confirmed["payment_method"]!.GetValue<string>().ShouldNotBe(paymentMethod);
        confirmed["last_payment_error"].ShouldBeNull();
        var chargeId = confirmed["latest_charge"]!.GetValue<string>();
        chargeId.ShouldStartWith("ch_");

        var charge = (await api.GetAsync($"/v1/charges/{chargeId}")).Json;
        charge["status"]!.GetValue<string>().ShouldBe("succeeded");
        charge["paid"]!.GetValue<bool>().ShouldBeTrue();
        charge["amount_captured"]!.GetValue<long>().ShouldBe(1234);
        charge["payment_intent"]!.GetValue<string>().ShouldBe(id);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedLostCard", "card_declined", "lost_card")]
    [InlineData("pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "expired_card", null)]
    [InlineData("pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", null)]
    [InlineData("pm_card_chargeDeclinedProcessingError", "processing_error", null)]
    public async Task a_declined_card_answers_402_and_leaves_the_payment_waiting_for_another_card(string paymentMethod, string code, string? declineCode)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var answer = await api.ConfirmAsync(id, paymentMethod);

        answer.Status.ShouldBe(HttpStatusCode.PaymentRequired, answer.Body);
        var error = answer.Error;
        error["type"]!.GetValue<string>().ShouldBe("card_error");
        error["code"]!.GetValue<string>().ShouldBe(code);
        error["decline_code"]?.GetValue<string>().ShouldBe(declineCode);
        error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        error["charge"]!.GetValue<string>().ShouldStartWith("ch_");
        error["payment_method"]!["id"]!.GetValue<string>().ShouldStartWith("pm_");
        var pi = error["payment_intent"]!.AsObject();
        pi["id"]!.GetValue<string>().ShouldBe(id);
        pi["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        pi["payment_method"].ShouldBeNull();
        pi["last_payment_error"]!["code"]!.GetValue<string>().ShouldBe(code);
        pi["last_payment_error"]!["type"]!.GetValue<string>().ShouldBe("card_error");

        var stored = (await api.GetAsync($"/v1/payment_intents/{id}")).Json;
        stored["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        stored["last_payment_error"]!["decline_code"]?.GetValue<string>().ShouldBe(declineCode);
        stored["latest_charge"]!.GetValue<string>().ShouldBe(error["charge"]!.GetValue<string>());
    }

    [Fact]
    public async Task after_a_decline_a_good_card_succeeds()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();
        (await api.ConfirmAsync(id, "pm_card_chargeDeclinedInsufficientFunds")).Status.ShouldBe(HttpStatusCode.PaymentRequired);

        var answer = await api.ConfirmAsync(id, "pm_card_visa");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        answer.Json["last_payment_error"].ShouldBeNull();
    }

    [Fact]
    public async Task confirm_true_on_create_charges_in_one_call()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var pi = await api.CreateIntentAsync(5000, "eur", ("payment_method", "pm_card_visa"), ("confirm", "true"));

        pi["status"]!.GetValue<string>().ShouldBe("succeeded");
        pi["latest_charge"]!.GetValue<string>().ShouldStartWith("ch_");
    }

    [Fact]
    public async Task a_payment_method_without_confirm_waits_for_confirmation()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var pi = await api.CreateIntentAsync(5000, "usd", ("payment_method", "pm_card_visa"));

        pi["status"]!.GetValue<string>().ShouldBe("requires_confirmation");
        var confirmed = await api.PostAsync($"/v1/payment_intents/{pi["id"]}/confirm");
        confirmed.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
    }

    [Fact]
    public async Task confirm_true_with_a_declined_card_answers_402_with_the_new_payment_intent()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.PostAsync("/v1/payment_intents", ("amount", "1000"), ("currency", "usd"), ("payment_method", "pm_card_chargeDeclined"), ("confirm", "true"));

        answer.Status.ShouldBe(HttpStatusCode.PaymentRequired);
        answer.Error["payment_intent"]!["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
    }

    [Fact]
    public async Task cancel_moves_a_waiting_payment_to_canceled_with_reason_and_time()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var answer = await api.PostAsync($"/v1/payment_intents/{id}/cancel", ("cancellation_reason", "abandoned"));

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Json["status"]!.GetValue<string>().ShouldBe("canceled");
        answer.Json["cancellation_reason"]!.GetValue<string>().ShouldBe("abandoned");
        answer.Json["canceled_at"]!.GetValue<long>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task cancelling_a_succeeded_payment_is_refused_like_stripe()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true")))["id"]!.GetValue<string>();

        var answer = await api.PostAsync($"/v1/payment_intents/{id}/cancel");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        answer.Error["code"]!.GetValue<string>().ShouldBe("payment_intent_unexpected_state");
        answer.Error["message"]!.GetValue<string>().ShouldContain("status of succeeded");
    }

    [Fact]
    public async Task confirming_a_succeeded_or_canceled_payment_is_refused()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var succeeded = (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true")))["id"]!.GetValue<string>();
        var canceled = (await api.CreateIntentAsync())["id"]!.GetValue<string>();
        await api.PostAsync($"/v1/payment_intents/{canceled}/cancel");

        var again = await api.ConfirmAsync(succeeded, "pm_card_visa");
        var afterCancel = await api.ConfirmAsync(canceled, "pm_card_visa");

        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        again.Error["code"]!.GetValue<string>().ShouldBe("payment_intent_unexpected_state");
        afterCancel.Status.ShouldBe(HttpStatusCode.BadRequest);
        afterCancel.Error["code"]!.GetValue<string>().ShouldBe("payment_intent_unexpected_state");
    }

    [Fact]
    public async Task confirming_without_any_payment_method_is_refused()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var answer = await api.PostAsync($"/v1/payment_intents/{id}/confirm");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["message"]!.GetValue<string>().ShouldContain("missing a payment method");
    }

    [Fact]
    public async Task unknown_ids_answer_404_resource_missing()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var pi = await api.GetAsync("/v1/payment_intents/pi_nope");
        var pm = await api.ConfirmAsync((await api.CreateIntentAsync())["id"]!.GetValue<string>(), "pm_nope");

        pi.Status.ShouldBe(HttpStatusCode.NotFound);
        pi.Error["code"]!.GetValue<string>().ShouldBe("resource_missing");
        pi.Error["message"]!.GetValue<string>().ShouldBe("No such payment_intent: 'pi_nope'");
        pm.Status.ShouldBe(HttpStatusCode.NotFound);
        pm.Error["param"]!.GetValue<string>().ShouldBe("payment_method");
    }

    [Fact]
    public async Task expand_latest_charge_embeds_the_charge()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync(2000, "usd", ("payment_method", "pm_card_visa"), ("confirm", "true")))["id"]!.GetValue<string>();

        var answer = await api.GetAsync($"/v1/payment_intents/{id}?expand[0]=latest_charge");
        var refused = await api.GetAsync($"/v1/payment_intents/{id}?expand[]=customer");

        answer.Json["latest_charge"]!["object"]!.GetValue<string>().ShouldBe("charge");
        answer.Json["latest_charge"]!["amount_refunded"]!.GetValue<long>().ShouldBe(0);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Error["message"]!.GetValue<string>().ShouldBe("This property cannot be expanded (customer).");
    }

    [Fact]
    public async Task missing_or_malformed_parameters_answer_stripe_parameter_errors()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var noAmount = await api.PostAsync("/v1/payment_intents", ("currency", "usd"));
        var decimalAmount = await api.PostAsync("/v1/payment_intents", ("amount", "10.99"), ("currency", "usd"));
        var noCurrency = await api.PostAsync("/v1/payment_intents", ("amount", "1000"));
        var badCurrency = await api.PostAsync("/v1/payment_intents", ("amount", "1000"), ("currency", "xyz"));
        var badBoolean = await api.PostAsync("/v1/payment_intents", ("amount", "1000"), ("currency", "usd"), ("confirm", "yes"));

        noAmount.Error["code"]!.GetValue<string>().ShouldBe("parameter_missing");
        noAmount.Error["param"]!.GetValue<string>().ShouldBe("amount");
        noAmount.Error["message"]!.GetValue<string>().ShouldBe("Missing required param: amount.");
        decimalAmount.Error["code"]!.GetValue<string>().ShouldBe("parameter_invalid_integer");
        decimalAmount.Error["message"]!.GetValue<string>().ShouldBe("Invalid integer: 10.99");
        noCurrency.Error["param"]!.GetValue<string>().ShouldBe("currency");
        badCurrency.Error["param"]!.GetValue<string>().ShouldBe("currency");
        badCurrency.Error["message"]!.GetValue<string>().ShouldStartWith("Invalid currency: xyz.");
        badBoolean.Status.ShouldBe(HttpStatusCode.BadRequest);
        new[] { noAmount, decimalAmount, noCurrency, badCurrency }.ShouldAllBe(a => a.Status == HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task every_response_carries_a_request_id()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync("/v1/payment_intents/pi_nope");

        answer.Header("Request-Id").ShouldNotBeNull().ShouldStartWith("req_");
    }

    [Fact]
    public async Task a_form_of_more_values_than_the_reader_takes_answers_a_stripe_shaped_400()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var form = new[] { ("amount", "1000"), ("currency", "krw") }
            .Concat(Enumerable.Range(0, 1_100).Select(i => ($"metadata[k{i}]", "v")))
            .ToArray();

        var answer = await api.PostAsync("/v1/payment_intents", form);

        // It was a bare 500 with no body, which a browser's card field could not read.
        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        answer.Error["message"]!.GetValue<string>().ShouldStartWith("The request body could not be read as form parameters");
    }

    [Fact]
    public async Task unknown_routes_answer_a_stripe_shaped_404()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var v1 = await api.GetAsync("/v1/customers");
        var wrongMethod = await api.GetAsync("/v1/payment_intents/pi_1/cancel");
        var outside = await api.GetAsync("/nothing/here");

        foreach (var answer in new[] { v1, wrongMethod, outside })
        {
            answer.Status.ShouldBe(HttpStatusCode.NotFound);
            answer.Error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
            answer.Error["message"]!.GetValue<string>().ShouldStartWith("Unrecognized request URL");
        }
    }

    [Fact]
    public async Task health_answers_200()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync("/health", key: "");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Json["status"]!.GetValue<string>().ShouldBe("ok");
    }

    internal static string Id(JsonObject json) => json["id"]!.GetValue<string>();
}
