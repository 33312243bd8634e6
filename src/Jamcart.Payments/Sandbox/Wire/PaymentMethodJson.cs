using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A PaymentMethod in Stripe's <c>payment_method</c> shape.</summary>
internal static class PaymentMethodJson
{
    public static JsonObject Render(PaymentMethodRecord pm) => new()
    {
        ["id"] = pm.Id,
        ["object"] = "payment_method",
        ["allow_redisplay"] = "unspecified",
        ["billing_details"] = BillingDetails(pm.Billing),
        ["card"] = new JsonObject
        {
            ["brand"] = pm.Brand,
            ["checks"] = new JsonObject
            {
                ["address_line1_check"] = null,
                ["address_postal_code_check"] = null,
                ["cvc_check"] = "pass",
            },
            ["country"] = "US",
            ["display_brand"] = WireValues.DisplayBrand(pm.Brand),
            ["exp_month"] = pm.ExpMonth,
            ["exp_year"] = pm.ExpYear,
            ["fingerprint"] = pm.Fingerprint,
            ["funding"] = pm.Funding,
            ["generated_from"] = null,
            ["last4"] = pm.Last4,
            ["networks"] = new JsonObject
            {
                ["available"] = WireValues.Strings([pm.Brand]),
                ["preferred"] = null,
            },
            ["regulated_status"] = "unregulated",
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        },
        ["created"] = pm.Created,
        ["customer"] = null,
        ["customer_account"] = null,
        ["livemode"] = false,
        ["metadata"] = WireValues.Metadata(pm.Metadata),
        ["type"] = "card",
    };

    public static JsonObject BillingDetails(BillingDetails billing) => new()
    {
        ["address"] = new JsonObject
        {
            ["city"] = billing.City,
            ["country"] = billing.Country,
            ["line1"] = billing.Line1,
            ["line2"] = billing.Line2,
            ["postal_code"] = billing.PostalCode,
            ["state"] = billing.State,
        },
        ["email"] = billing.Email,
        ["name"] = billing.Name,
        ["phone"] = billing.Phone,
        ["tax_id"] = null,
    };
}
