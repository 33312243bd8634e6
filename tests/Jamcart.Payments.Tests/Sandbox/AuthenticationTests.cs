using System.Net;
using System.Net.Http.Headers;
using System.Text;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Keys as Stripe checks them: secret key for servers, publishable key plus client secret for the browser.</summary>
public sealed class AuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task no_key_answers_401_asking_for_one()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.SendAsync(HttpMethod.Post, "/v1/payment_intents", [("amount", "1000"), ("currency", "usd")], key: null, idempotencyKey: null);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Error["type"]!.GetValue<string>().ShouldBe("invalid_request_error");
        answer.Error["message"]!.GetValue<string>().ShouldStartWith("You did not provide an API key.");
    }

    [Fact]
    public async Task a_wrong_key_answers_401_without_revealing_it()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.GetAsync("/v1/events", key: "sk_test_thisisnotthekey9876");

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Error["message"]!.GetValue<string>().ShouldBe("Invalid API Key provided: sk_test_***************9876");
        answer.Body.ShouldNotContain("thisisnotthekey");
    }

    [Fact]
    public async Task http_basic_with_the_secret_key_as_user_is_accepted_as_stripe_does()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.SecretKey + ":")));

        using var response = await api.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/v1/payment_intents")]
    [InlineData("/v1/refunds")]
    [InlineData("/v1/payment_intents/pi_x/cancel")]
    public async Task the_publishable_key_is_refused_on_server_endpoints(string path)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.PostAsync(path, server.PublishableKey, null, ("amount", "1000"), ("currency", "usd"));
        var events = await api.GetAsync("/v1/events", server.PublishableKey);

        answer.Status.ShouldBe(HttpStatusCode.Forbidden);
        answer.Error["message"]!.GetValue<string>().ShouldStartWith("This API call cannot be made with a publishable API key.");
        events.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_browser_retrieves_and_confirms_with_the_publishable_key_and_client_secret()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.CreateIntentAsync(2000, "usd", ("metadata[order_id]", "ord_9"));
        var id = pi["id"]!.GetValue<string>();
        var secret = pi["client_secret"]!.GetValue<string>();

        var retrieved = await api.GetAsync($"/v1/payment_intents/{id}?client_secret={secret}", server.PublishableKey);
        // Stripe.js sends the key as a form field rather than a header.
        var confirmed = await api.PostAsync($"/v1/payment_intents/{id}/confirm", key: null, idempotencyKey: null,
            ("key", server.PublishableKey), ("client_secret", secret), ("payment_method", "pm_card_visa"));

        retrieved.Status.ShouldBe(HttpStatusCode.OK);
        retrieved.Json["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        retrieved.Json["client_secret"]!.GetValue<string>().ShouldBe(secret);
        retrieved.Json.ContainsKey("metadata").ShouldBeFalse("the browser does not see the merchant's metadata");
        retrieved.Json.ContainsKey("latest_charge").ShouldBeFalse();
        confirmed.Status.ShouldBe(HttpStatusCode.OK, confirmed.Body);
        confirmed.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
    }

    [Fact]
    public async Task the_publishable_key_needs_the_right_client_secret()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var wrong = await api.GetAsync($"/v1/payment_intents/{id}?client_secret={id}_secret_guess", server.PublishableKey);
        var unknown = await api.GetAsync($"/v1/payment_intents/pi_unknown?client_secret=pi_unknown_secret_guess", server.PublishableKey);
        var none = await api.PostAsync($"/v1/payment_intents/{id}/confirm", server.PublishableKey, null, ("payment_method", "pm_card_visa"));

        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.Error["code"]!.GetValue<string>().ShouldBe("payment_intent_invalid_parameter");
        unknown.Body.ShouldBe(wrong.Body, "a guess must not learn whether the PaymentIntent exists");
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.Error["param"]!.GetValue<string>().ShouldBe("client_secret");
    }

    [Fact]
    public async Task a_declined_browser_confirmation_shows_the_client_view_of_the_payment_intent()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pi = await api.CreateIntentAsync(2000, "usd", ("metadata[order_id]", "ord_9"));

        var answer = await api.PostAsync($"/v1/payment_intents/{pi["id"]}/confirm", server.PublishableKey, null,
            ("client_secret", pi["client_secret"]!.GetValue<string>()), ("payment_method", "pm_card_chargeDeclined"));

        answer.Status.ShouldBe(HttpStatusCode.PaymentRequired);
        answer.Error["payment_intent"]!["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        answer.Error["payment_intent"]!.AsObject().ContainsKey("metadata").ShouldBeFalse();
    }

    [Fact]
    public async Task card_numbers_are_taken_with_the_publishable_key_only()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        (string, string)[] card = [("type", "card"), ("card[number]", "4242 4242 4242 4242"), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123")];

        var fromServer = await api.PostAsync("/v1/payment_methods", server.SecretKey, null, card);
        var fromFrame = await api.PostAsync("/v1/payment_methods", server.PublishableKey, null, card);

        fromServer.Status.ShouldBe(HttpStatusCode.BadRequest);
        fromFrame.Status.ShouldBe(HttpStatusCode.OK, fromFrame.Body);
        fromFrame.Json["id"]!.GetValue<string>().ShouldStartWith("pm_");
        fromFrame.Json["card"]!["last4"]!.GetValue<string>().ShouldBe("4242");
        fromFrame.Json["card"]!["brand"]!.GetValue<string>().ShouldBe("visa");
        fromFrame.Body.ShouldNotContain("4242424242424242");
        fromFrame.Body.ShouldNotContain("\"123\"");
    }

    [Theory]
    [InlineData("4242424242424241", "12", "2099", "123", "incorrect_number")]
    [InlineData("4242424242424242", "13", "2099", "123", "invalid_expiry_month")]
    [InlineData("4242424242424242", "12", "2001", "123", "invalid_expiry_year")]
    [InlineData("4242424242424242", "12", "2099", "12", "invalid_cvc")]
    [InlineData("378282246310005", "12", "2099", "123", "invalid_cvc")]
    public async Task card_details_a_card_cannot_have_are_card_errors(string number, string month, string year, string cvc, string code)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);

        var answer = await api.PostAsync("/v1/payment_methods", server.PublishableKey, null,
            ("type", "card"), ("card[number]", number), ("card[exp_month]", month), ("card[exp_year]", year), ("card[cvc]", cvc));

        answer.Status.ShouldBe(HttpStatusCode.PaymentRequired);
        answer.Error["type"]!.GetValue<string>().ShouldBe("card_error");
        answer.Error["code"]!.GetValue<string>().ShouldBe(code);
        answer.Body.ShouldNotContain(number);
    }

    [Fact]
    public async Task an_unknown_valid_card_number_succeeds_like_4242()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        var pm = await api.PostAsync("/v1/payment_methods", server.PublishableKey, null,
            ("type", "card"), ("card[number]", "5105105105105100"), ("card[exp_month]", "1"), ("card[exp_year]", "40"), ("card[cvc]", "999"));
        var id = (await api.CreateIntentAsync())["id"]!.GetValue<string>();

        var answer = await api.ConfirmAsync(id, pm.Json["id"]!.GetValue<string>());

        pm.Json["card"]!["brand"]!.GetValue<string>().ShouldBe("mastercard");
        pm.Json["card"]!["exp_year"]!.GetValue<int>().ShouldBe(2040);
        answer.Json["status"]!.GetValue<string>().ShouldBe("succeeded");
    }
}
