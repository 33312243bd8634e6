using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>Stripe's error body, <c>{"error": {…}}</c>, with only the fields that apply, as Stripe leaves the others out.</summary>
internal static class ErrorJson
{
    public static JsonObject Render(SandboxApiException error, SandboxLedger ledger, WireView view)
    {
        var body = new JsonObject();
        if (error.ChargeId is not null)
        {
            body["charge"] = error.ChargeId;
        }

        if (error.Code is not null)
        {
            body["code"] = error.Code;
        }

        if (error.DeclineCode is not null)
        {
            body["decline_code"] = error.DeclineCode;
        }

        if (error.Code is not null)
        {
            body["doc_url"] = StripeErrors.DocUrl(error.Code);
        }

        body["message"] = error.Message;
        if (error.Param is not null)
        {
            body["param"] = error.Param;
        }

        if (error.PaymentIntent is not null)
        {
            body["payment_intent"] = PaymentIntentJson.Render(error.PaymentIntent, ledger, view);
        }

        if (error.PaymentMethod is not null)
        {
            body["payment_method"] = PaymentMethodJson.Render(error.PaymentMethod);
            body["payment_method_type"] = "card";
        }

        body["type"] = error.Type;
        return new JsonObject { ["error"] = body };
    }
}
