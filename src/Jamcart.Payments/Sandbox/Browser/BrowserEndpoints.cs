using System.Globalization;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Rules;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Jamcart.Payments.Sandbox.Browser;

/// <summary>
/// What browsers load from the sandbox: <c>sandbox.js</c> for the shop's page, the card field's frame, and the
/// 3-D Secure challenge page, which works with plain form posts and no script at all. The frames speak the language
/// sandbox.js asks for (<c>?locale=</c>, from the shop page's locale), see <see cref="SandboxStrings"/>.
/// </summary>
internal static class BrowserEndpoints
{
    // Where sandbox.js takes the table of its own strings, filled in when served.
    private const string ScriptStringsMarker = "/* strings by language */ {}";

    private static readonly Lazy<string> Script = new(() =>
    {
        var script = WebAssets.Text("sandbox.js");
        return script.Contains(ScriptStringsMarker, StringComparison.Ordinal)
            ? script.Replace(ScriptStringsMarker, SandboxStrings.ScriptJson, StringComparison.Ordinal)
            : throw new InvalidOperationException($"sandbox.js has no '{ScriptStringsMarker}' for its strings.");
    });

    // The frames run only the sandbox's own files; any page may embed them, since the shop's origin is not known ahead.
    private const string CardFramePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

    // No form-action: the page's own post answers with a redirect to the shop's return_url, which form-action would block.
    private const string ChallengePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors *";

    public static void Map(IEndpointRouteBuilder app, SandboxLedger ledger)
    {
        app.MapGet("/sandbox.js", ServeScript);
        app.MapGet("/v1/sandbox.js", ServeScript);
        app.MapGet("/elements/card", ShowCardField);
        foreach (var asset in new[] { "elements/card.js", "elements/card.css", "3ds/challenge.css", "3ds/done.js" })
        {
            app.MapGet("/" + asset, context => ServeAsset(context, asset, WebAssets.Text(asset)));
        }

        app.MapGet("/3ds/{id}", context => ShowChallenge(context, ledger));
        app.MapPost("/3ds/{id}", context => AnswerChallenge(context, ledger));
        app.MapGet("/3ds/done", context => ServePage(context, Message(
            LanguageOf(context.Request.Query["locale"]),
            "3ds.finished",
            "3ds.returning",
            "<script src=\"/3ds/done.js\" defer></script>"), ChallengePolicy));
    }

    private static Task ServeScript(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return ServeAsset(context, "sandbox.js", Script.Value);
    }

    private static Task ServeAsset(HttpContext context, string path, string text)
    {
        context.Response.ContentType = WebAssets.ContentType(path);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task ShowCardField(HttpContext context)
    {
        var language = LanguageOf(context.Request.Query["locale"]);
        var html = WebAssets.Render("elements/card.html", Words(language, ("errors", SandboxStrings.CardErrorsJson(language))));
        return ServePage(context, html, CardFramePolicy);
    }

    private static Task ServePage(HttpContext context, string html, string policy, int status = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        // The challenge's address carries its one-use token: never send it on as a referrer.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static Task ShowChallenge(HttpContext context, SandboxLedger ledger)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var token = context.Request.Query["token"].ToString();
        var language = LanguageOf(context.Request.Query["locale"]);
        Dictionary<string, string>? values = null;
        using (ledger.Gate.EnterScope())
        {
            var pi = ledger.FindIntent(id);
            if (token.Length > 0 && CompleteThreeDSecure.IsPending(pi, token))
            {
                var brand = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(pi!.PaymentMethod!.Brand);
                values = Words(
                    language,
                    ("amount", AmountRules.Format(pi.Amount, pi.Currency) + " " + pi.Currency.Code.ToUpperInvariant()),
                    ("card", SandboxStrings.Format(language, "3ds.card_ending", brand, pi.PaymentMethod.Last4)),
                    ("payment_intent", pi.Id),
                    ("token", token),
                    ("mode", context.Request.Query["mode"] == "modal" ? "modal" : "page"),
                    ("origin", context.Request.Query["origin"].ToString()));
            }
        }

        return values is null
            ? Expired(context, language)
            : ServePage(context, WebAssets.Render("3ds/challenge.html", values), ChallengePolicy);
    }

    private static async Task AnswerChallenge(HttpContext context, SandboxLedger ledger)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var token = form?["token"].ToString() ?? "";
        var passed = form?["result"].ToString() == "complete";
        var language = LanguageOf(form?["locale"] ?? default);
        CompleteThreeDSecure.Result? result = null;
        var clientSecret = "";
        using (ledger.Gate.EnterScope())
        {
            var pi = ledger.FindIntent(id);
            if (token.Length > 0 && CompleteThreeDSecure.IsPending(pi, token))
            {
                result = CompleteThreeDSecure.Execute(ledger, pi!, token, passed);
                clientSecret = pi!.ClientSecret;
            }
        }

        if (result is null)
        {
            await Expired(context, language);
            return;
        }

        if (form?["mode"].ToString() == "modal")
        {
            var origin = form["origin"].ToString();
            context.Response.Redirect($"/3ds/done?payment_intent={Uri.EscapeDataString(id)}&origin={Uri.EscapeDataString(origin)}&locale={language}");
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return;
        }

        if (result.ReturnUrl is { } returnUrl)
        {
            // Stripe's return: the PaymentIntent, its client secret and how the redirect ended, added to the shop's URL.
            var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var target = $"{returnUrl}{separator}payment_intent={Uri.EscapeDataString(id)}"
                + $"&payment_intent_client_secret={Uri.EscapeDataString(clientSecret)}"
                + $"&redirect_status={(result.Succeeded ? "succeeded" : "failed")}";
            context.Response.Redirect(target);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return;
        }

        await ServePage(context, passed
            ? Message(language, "3ds.completed", "3ds.completed_text")
            : Message(language, "3ds.failed", "3ds.failed_text"),
            ChallengePolicy);
    }

    private static Task Expired(HttpContext context, string language) =>
        ServePage(context, Message(language, "3ds.expired", "3ds.expired_text"), ChallengePolicy, StatusCodes.Status404NotFound);

    private static string Message(string language, string titleKey, string messageKey, string script = "")
    {
        var strings = SandboxStrings.For(language);
        return WebAssets.Render(
            "3ds/message.html",
            Words(language, ("title", strings[titleKey]), ("message", strings[messageKey])),
            new Dictionary<string, string> { ["script"] = script });
    }

    private static string LanguageOf(StringValues locale) => SandboxStrings.LanguageOf(locale.ToString());

    /// <summary>A page's placeholders: every string of the language by its key, <c>lang</c>, and the page's own values.</summary>
    private static Dictionary<string, string> Words(string language, params (string Name, string Value)[] values)
    {
        var words = new Dictionary<string, string>(SandboxStrings.For(language), StringComparer.Ordinal) { ["lang"] = language };
        foreach (var (name, value) in values)
        {
            words[name] = value;
        }

        return words;
    }
}
