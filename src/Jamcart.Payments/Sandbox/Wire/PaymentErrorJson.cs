using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A PaymentIntent's <c>last_payment_error</c>, in the shape of Stripe's error object.</summary>
internal static class PaymentErrorJson
{
    public static JsonObject Render(PaymentErrorRecord error)
    {
        var json = new JsonObject();
        if (error.ChargeId is not null)
        {
            json["charge"] = error.ChargeId;
        }

        json["code"] = error.Code;
        if (error.DeclineCode is not null)
        {
            json["decline_code"] = error.DeclineCode;
        }

        json["doc_url"] = StripeErrors.DocUrl(error.Code);
        json["message"] = error.Message;
        if (error.Param is not null)
        {
            json["param"] = error.Param;
        }

        if (error.PaymentMethod is not null)
        {
            json["payment_method"] = PaymentMethodJson.Render(error.PaymentMethod);
            json["payment_method_type"] = "card";
        }

        json["type"] = error.Type;
        return json;
    }
}
