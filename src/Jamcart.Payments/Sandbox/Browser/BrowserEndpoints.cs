using System.Globalization;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Rules;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jamcart.Payments.Sandbox.Browser;

/// <summary>
/// What browsers load from the sandbox: <c>sandbox.js</c> for the shop's page, the card field's frame, and the
/// 3-D Secure challenge page, which works with plain form posts and no script at all.
/// </summary>
internal static class BrowserEndpoints
{
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
        app.MapGet("/elements/card", context => ServePage(context, WebAssets.Text("elements/card.html"), CardFramePolicy));
        foreach (var asset in new[] { "elements/card.js", "elements/card.css", "3ds/challenge.css", "3ds/done.js" })
        {
            app.MapGet("/" + asset, context => ServeAsset(context, asset));
        }

        app.MapGet("/3ds/{id}", context => ShowChallenge(context, ledger));
        app.MapPost("/3ds/{id}", context => AnswerChallenge(context, ledger));
        app.MapGet("/3ds/done", context => ServePage(context, Message(
            "Authentication finished",
            "Returning you to the shop…",
            "<script src=\"/3ds/done.js\" defer></script>"), ChallengePolicy));
    }

    private static Task ServeScript(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return ServeAsset(context, "sandbox.js");
    }

    private static Task ServeAsset(HttpContext context, string path)
    {
        context.Response.ContentType = WebAssets.ContentType(path);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(WebAssets.Text(path), context.RequestAborted);
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
        Dictionary<string, string>? values = null;
        using (ledger.Gate.EnterScope())
        {
            var pi = ledger.FindIntent(id);
            if (token.Length > 0 && CompleteThreeDSecure.IsPending(pi, token))
            {
                values = new Dictionary<string, string>
                {
                    ["amount"] = AmountRules.Format(pi!.Amount, pi.Currency) + " " + pi.Currency.Code.ToUpperInvariant(),
                    ["brand"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(pi.PaymentMethod!.Brand),
                    ["last4"] = pi.PaymentMethod.Last4,
                    ["payment_intent"] = pi.Id,
                    ["token"] = token,
                    ["mode"] = context.Request.Query["mode"] == "modal" ? "modal" : "page",
                    ["origin"] = context.Request.Query["origin"].ToString(),
                };
            }
        }

        return values is null
            ? Expired(context)
            : ServePage(context, WebAssets.Render("3ds/challenge.html", values), ChallengePolicy);
    }

    private static async Task AnswerChallenge(HttpContext context, SandboxLedger ledger)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var token = form?["token"].ToString() ?? "";
        var passed = form?["result"].ToString() == "complete";
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
            await Expired(context);
            return;
        }

        if (form?["mode"].ToString() == "modal")
        {
            var origin = form["origin"].ToString();
            context.Response.Redirect($"/3ds/done?payment_intent={Uri.EscapeDataString(id)}&origin={Uri.EscapeDataString(origin)}");
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
            ? Message("Authentication complete", "The bank confirmed the payment. You can close this window and return to the shop.")
            : Message("Authentication failed", "The bank did not confirm the payment. You can close this window and try again in the shop."),
            ChallengePolicy);
    }

    private static Task Expired(HttpContext context) =>
        ServePage(
            context,
            Message("This link has expired", "This authentication was already answered, or its link is not valid. Return to the shop to try again."),
            ChallengePolicy,
            StatusCodes.Status404NotFound);

    private static string Message(string title, string message, string script = "") =>
        WebAssets.Render(
            "3ds/message.html",
            new Dictionary<string, string> { ["title"] = title, ["message"] = message },
            new Dictionary<string, string> { ["script"] = script });
}
