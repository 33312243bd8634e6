using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>What browsers load: sandbox.js, the card field's frame, and the 3-D Secure page (which works without script).</summary>
public sealed partial class BrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/sandbox.js")]
    [InlineData("/v1/sandbox.js")]
    public async Task sandbox_js_is_served_as_javascript_to_any_origin(string path)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var http = NewClient(server);

        using var response = await http.GetAsync(path, Ct);
        var script = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        script.ShouldContain("window.Sandbox = Sandbox");
        script.ShouldContain("confirmCardPayment");
        script.ShouldContain("retrievePaymentIntent");
        script.ShouldNotContain("eval(");
        script.ShouldNotContain("new Function");
        script.ShouldNotContain("innerHTML");
    }

    [Fact]
    public async Task the_card_frame_runs_only_its_own_files_and_labels_every_field()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var http = NewClient(server);

        using var response = await http.GetAsync($"/elements/card?key={server.PublishableKey}&origin=https%3A%2F%2Fshop.example&channel=abc", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("connect-src 'self'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        ScriptTag().Matches(html).ShouldAllBe(tag => tag.Value.Contains("src=", StringComparison.Ordinal));
        foreach (var id in new[] { "number", "expiry", "cvc" })
        {
            html.ShouldContain($"<label for=\"{id}\"");
            html.ShouldContain($"id=\"{id}\"");
        }

        html.ShouldContain("autocomplete=\"cc-number\"");
        html.ShouldContain("role=\"alert\"");
        foreach (var (asset, type) in new[] { ("/elements/card.js", "text/javascript"), ("/elements/card.css", "text/css") })
        {
            using var file = await http.GetAsync(asset, Ct);
            file.StatusCode.ShouldBe(HttpStatusCode.OK);
            file.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            file.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        }
    }

    [Theory]
    [InlineData("ko", "ko", "카드 번호", "카드 번호를 끝까지 입력해 주세요.")]
    [InlineData("ko-KR", "ko", "카드 번호", "카드 번호를 끝까지 입력해 주세요.")]
    [InlineData("en", "en", "Card number", "Your card number is incomplete.")]
    [InlineData("fr-FR", "en", "Card number", "Your card number is incomplete.")]
    [InlineData("", "en", "Card number", "Your card number is incomplete.")]
    public async Task the_card_frame_speaks_the_language_the_page_asks_for(string locale, string language, string numberLabel, string incompleteNumber)
    {
        await using var server = await SandboxFixture.StartAsync();
        using var http = NewClient(server);

        var html = await http.GetStringAsync($"/elements/card?key={server.PublishableKey}&origin=https%3A%2F%2Fshop.example&channel=abc&locale={locale}", Ct);

        html.ShouldContain($"<html lang=\"{language}\">");
        html.ShouldContain($"<label for=\"number\">{numberLabel}</label>");
        html.ShouldNotContain("{{");
        // The messages the frame's script shows, by code, in an attribute: data, not script, under the frame's CSP.
        var errors = JsonNode.Parse(WebUtility.HtmlDecode(DataStrings().Match(html).Groups["json"].Value))!;
        errors["incomplete_number"]!.GetValue<string>().ShouldBe(incompleteNumber);
        errors["incorrect_number"].ShouldNotBeNull();
    }

    [Fact]
    public async Task sandbox_js_carries_its_own_strings_for_every_language()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var http = NewClient(server);

        var script = await http.GetStringAsync("/sandbox.js", Ct);

        var strings = JsonNode.Parse(ScriptStrings().Match(script).Groups["json"].Value)!;
        strings["ko"]!["script.card_frame"]!.GetValue<string>().ShouldBe("보안 카드 결제 입력 프레임");
        strings["en"]!["script.challenge_frame"]!.GetValue<string>().ShouldBe("3-D Secure authentication");
        // Only the script's own strings travel with it, never the frames'.
        strings["ko"]!.AsObject().Select(member => member.Key).ShouldAllBe(key => key.StartsWith("script.", StringComparison.Ordinal));
        script.ShouldNotContain("</script");
    }

    [Fact]
    public async Task the_challenge_asked_for_in_korean_answers_in_korean_through_to_its_last_page()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"));
        var id = pi["id"]!.GetValue<string>();
        var url = pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>() + "&mode=modal&origin=https%3A%2F%2Fshop.example&locale=ko";

        var html = await http.GetStringAsync(url, Ct);
        using var answer = await http.PostAsync($"/3ds/{id}", Form(html, "complete"), Ct);
        var done = await http.GetStringAsync(answer.Headers.Location, Ct);
        using var expired = await http.GetAsync($"/3ds/{id}?token=guess&locale=ko", Ct);

        html.ShouldContain("<html lang=\"ko\">");
        html.ShouldContain(">인증 완료</button>");
        html.ShouldContain(">인증 실패</button>");
        html.ShouldContain("Visa (끝자리 3220)");
        done.ShouldContain("<h1 id=\"title\">인증을 마쳤습니다</h1>");
        (await expired.Content.ReadAsStringAsync(Ct)).ShouldContain("만료된 링크입니다");
    }

    [Fact]
    public async Task a_value_holding_placeholder_braces_is_shown_as_it_is()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"));
        var url = pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>() + "&origin=%7B%7Btoken%7D%7D";

        var html = await http.GetStringAsync(url, Ct);

        html.ShouldContain("name=\"origin\" value=\"{{token}}\"");
    }

    [Fact]
    public async Task the_api_answers_cross_origin_preflights_and_requests()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var http = NewClient(server);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/payment_intents/pi_1/confirm");
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var answer = await http.SendAsync(preflight, Ct);
        using var api = await http.GetAsync("/v1/payment_intents/pi_1", Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        api.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
    }

    [Fact]
    public async Task the_challenge_page_completes_with_a_plain_form_post_and_returns_to_the_shop()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd",
            ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"), ("return_url", "https://shop.example/done?order=o1"));
        var id = pi["id"]!.GetValue<string>();
        var url = pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>();

        using var page = await http.GetAsync(url, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var answer = await http.PostAsync($"/3ds/{id}", Form(html, "complete"), Ct);
        using var reused = await http.PostAsync($"/3ds/{id}", Form(html, "complete"), Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Complete authentication");
        html.ShouldContain("Fail authentication");
        html.ShouldContain("$30.00 USD");
        html.ShouldNotContain("<script");
        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        answer.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var location = answer.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe("https://shop.example/done");
        var query = HttpUtility.ParseQueryString(location.Query);
        query["order"].ShouldBe("o1");
        query["payment_intent"].ShouldBe(id);
        query["payment_intent_client_secret"].ShouldBe(pi["client_secret"]!.GetValue<string>());
        query["redirect_status"].ShouldBe("succeeded");
        (await api.GetAsync($"/v1/payment_intents/{id}")).Json["status"]!.GetValue<string>().ShouldBe("succeeded");
        reused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task failing_on_the_challenge_page_returns_a_failed_redirect()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd",
            ("payment_method", "pm_card_authenticationRequired"), ("confirm", "true"), ("return_url", "https://shop.example/done"));
        var id = pi["id"]!.GetValue<string>();
        var html = await http.GetStringAsync(pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>(), Ct);

        using var answer = await http.PostAsync($"/3ds/{id}", Form(html, "fail"), Ct);

        HttpUtility.ParseQueryString(answer.Headers.Location!.Query)["redirect_status"].ShouldBe("failed");
        var after = (await api.GetAsync($"/v1/payment_intents/{id}")).Json;
        after["status"]!.GetValue<string>().ShouldBe("requires_payment_method");
        after["last_payment_error"]!["code"]!.GetValue<string>().ShouldBe("payment_intent_authentication_failure");
    }

    [Fact]
    public async Task in_a_modal_the_challenge_ends_on_a_page_that_tells_sandbox_js()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"));
        var id = pi["id"]!.GetValue<string>();
        var url = pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>() + "&mode=modal&origin=https%3A%2F%2Fshop.example";
        var html = await http.GetStringAsync(url, Ct);

        using var answer = await http.PostAsync($"/3ds/{id}", Form(html, "complete"), Ct);
        using var done = await http.GetAsync(answer.Headers.Location, Ct);
        var doneHtml = await done.Content.ReadAsStringAsync(Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        answer.Headers.Location!.ToString().ShouldStartWith($"/3ds/done?payment_intent={id}&origin=https%3A%2F%2Fshop.example");
        doneHtml.ShouldContain("<script src=\"/3ds/done.js\" defer></script>");
        string.Join(";", done.Headers.GetValues("Content-Security-Policy")).ShouldContain("script-src 'self'");
        (await http.GetStringAsync("/3ds/done.js", Ct)).ShouldContain("3ds-complete");
    }

    [Fact]
    public async Task without_a_return_url_the_challenge_ends_on_a_result_page()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"));
        var html = await http.GetStringAsync(pi["next_action"]!["redirect_to_url"]!["url"]!.GetValue<string>(), Ct);

        using var answer = await http.PostAsync($"/3ds/{pi["id"]}", Form(html, "complete"), Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldContain("Authentication complete");
    }

    [Fact]
    public async Task a_wrong_token_shows_an_expired_page()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var api = new SandboxApi(server);
        using var http = NewClient(server);
        var pi = await api.CreateIntentAsync(3000, "usd", ("payment_method", "pm_card_threeDSecure2Required"), ("confirm", "true"));

        using var page = await http.GetAsync($"/3ds/{pi["id"]}?token=guess", Ct);
        using var post = await http.PostAsync($"/3ds/{pi["id"]}", new FormUrlEncodedContent([new("token", "guess"), new("result", "complete")]), Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/v1/payment_intents/{pi["id"]}")).Json["status"]!.GetValue<string>().ShouldBe("requires_action");
    }

    private static HttpClient NewClient(Jamcart.Payments.Sandbox.SandboxServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };

    /// <summary>The challenge form's fields, as a browser without script would post them after a click.</summary>
    private static FormUrlEncodedContent Form(string html, string result)
    {
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["result"] = result;
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("data-strings=\"(?<json>[^\"]*)\"")]
    private static partial Regex DataStrings();

    [GeneratedRegex(@"var STRINGS = (?<json>\{.*\});")]
    private static partial Regex ScriptStrings();
}
