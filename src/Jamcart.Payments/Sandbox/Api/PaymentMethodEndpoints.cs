using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Create a card PaymentMethod (from the card field's frame, with the publishable key) and retrieve one.</summary>
internal static class PaymentMethodEndpoints
{
    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Post("/v1/payment_methods", ApiAccess.SecretOrPublishable, call =>
        {
            // Raw card numbers belong in the provider's own field only (invariant I5); Stripe refuses them from servers too.
            if (!call.Credential.IsPublishable)
            {
                throw new SandboxApiException(400, StripeErrors.InvalidRequest,
                    "Sending credit card numbers directly to the API is unsafe. Use a test PaymentMethod such as pm_card_visa, or collect the card in the sandbox's card field, which creates the PaymentMethod with the publishable key.")
                {
                    Replayable = false,
                };
            }

            var p = call.Parameters;
            var type = p.NonEmptyString("type") ?? throw StripeErrors.MissingParam("type");
            if (type != "card")
            {
                throw StripeErrors.InvalidValue("type", $"Invalid type: {type}. The sandbox creates card PaymentMethods only.");
            }

            var card = p.Nested("card");
            var billing = p.Nested("billing_details");
            var address = billing.Nested("address");
            var request = new CreatePaymentMethod.Request(card.String("number"), card.String("exp_month"), card.String("exp_year"), card.String("cvc"))
            {
                Billing = new BillingDetails
                {
                    Name = billing.String("name"),
                    Email = billing.String("email"),
                    Phone = billing.String("phone"),
                    City = address.String("city"),
                    Country = address.String("country"),
                    Line1 = address.String("line1"),
                    Line2 = address.String("line2"),
                    PostalCode = address.String("postal_code"),
                    State = address.String("state"),
                },
                Metadata = ParameterRules.Metadata(p),
            };
            return PaymentMethodJson.Render(CreatePaymentMethod.Execute(ledger, request));
        });
        router.Get("/v1/payment_methods/{id}", ApiAccess.Secret, call =>
        {
            var id = call.RouteValue("id");
            var pm = ledger.FindPaymentMethod(id) ?? throw StripeErrors.NoSuch("PaymentMethod", id, "id");
            return PaymentMethodJson.Render(pm);
        });
    }
}
