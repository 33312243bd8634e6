using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Rules;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Create, retrieve, confirm and cancel PaymentIntents: HTTP parameters to the operations and back.</summary>
internal static class PaymentIntentEndpoints
{
    private static readonly IReadOnlyList<string> SetupFutureUsages = ["on_session", "off_session"];
    private static readonly IReadOnlyList<string> CaptureMethods = ["automatic", "automatic_async", "manual"];

    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Post("/v1/payment_intents", ApiAccess.Secret, call => Create(ledger, call));
        router.Get("/v1/payment_intents/{id}", ApiAccess.SecretOrClientSecret, call =>
        {
            var expand = Expansions.Parse(call.Parameters.List("expand"), Expandable.PaymentIntent);
            return PaymentIntentJson.Render(Find(ledger, call), ledger, call.View, expand);
        });
        router.Post("/v1/payment_intents/{id}/confirm", ApiAccess.SecretOrClientSecret, call => Confirm(ledger, call));
        router.Post("/v1/payment_intents/{id}/cancel", ApiAccess.Secret, call =>
        {
            var p = call.Parameters;
            var reason = ParameterRules.Enum(p, "cancellation_reason", CancelPaymentIntent.Reasons);
            var expand = Expansions.Parse(p.List("expand"), Expandable.PaymentIntent);
            var pi = CancelPaymentIntent.Execute(ledger, Find(ledger, call), reason, call.Context);
            return PaymentIntentJson.Render(pi, ledger, call.View, expand);
        });
    }

    private static JsonObject Create(SandboxLedger ledger, ApiCall call)
    {
        var p = call.Parameters;
        var amount = p.Long("amount") ?? throw StripeErrors.MissingParam("amount");
        var code = p.NonEmptyString("currency") ?? throw StripeErrors.MissingParam("currency");
        if (!StripeCurrencies.TryGet(code, out var currency))
        {
            throw StripeErrors.InvalidCurrency(code);
        }

        AmountRules.EnsureChargeable(amount, currency);
        var captureMethod = ParameterRules.Enum(p, "capture_method", CaptureMethods);
        if (captureMethod == "manual")
        {
            throw StripeErrors.InvalidValue("capture_method",
                "The sandbox captures every payment at once: capture_method=manual (authorize now, capture later) is not supported.");
        }

        var types = ParameterRules.CardOnly(p, "payment_method_types");
        var allowed = ParameterRules.CardOnly(p, "allowed_payment_method_types");
        var request = new CreatePaymentIntent.Request(amount, currency)
        {
            Metadata = ParameterRules.Metadata(p),
            Description = p.String("description"),
            ReceiptEmail = p.NonEmptyString("receipt_email"),
            PaymentMethod = p.NonEmptyString("payment_method"),
            Confirm = p.Bool("confirm") ?? false,
            OffSession = ParameterRules.OffSession(p),
            ReturnUrl = ParameterRules.Url(p, "return_url"),
            PaymentMethodTypes = types.Count > 0 ? types : allowed.Count > 0 ? allowed : ["card"],
            AutomaticPaymentMethods = p.Nested("automatic_payment_methods").Bool("enabled") ?? false,
            CaptureMethod = captureMethod,
            SetupFutureUsage = ParameterRules.Enum(p, "setup_future_usage", SetupFutureUsages),
            StatementDescriptor = p.NonEmptyString("statement_descriptor"),
            StatementDescriptorSuffix = p.NonEmptyString("statement_descriptor_suffix"),
        };
        var expand = Expansions.Parse(p.List("expand"), Expandable.PaymentIntent);
        var pi = CreatePaymentIntent.Execute(ledger, request, call.Context);
        return PaymentIntentJson.Render(pi, ledger, call.View, expand);
    }

    private static JsonObject Confirm(SandboxLedger ledger, ApiCall call)
    {
        var p = call.Parameters;
        ParameterRules.CardOnly(p, "payment_method_types");
        var request = new ConfirmPaymentIntent.Request
        {
            PaymentMethod = p.NonEmptyString("payment_method"),
            ReturnUrl = ParameterRules.Url(p, "return_url"),
            ReceiptEmail = p.NonEmptyString("receipt_email"),
            SetupFutureUsage = ParameterRules.Enum(p, "setup_future_usage", SetupFutureUsages),
            OffSession = ParameterRules.OffSession(p),
        };
        var expand = Expansions.Parse(p.List("expand"), Expandable.PaymentIntent);
        var pi = ConfirmPaymentIntent.Execute(ledger, Find(ledger, call), request, call.Context);
        return PaymentIntentJson.Render(pi, ledger, call.View, expand);
    }

    /// <summary>
    /// The PaymentIntent in the path. With a publishable key the client secret is the credential, and a wrong one
    /// answers exactly like a missing PaymentIntent, so a guess learns nothing.
    /// </summary>
    private static PaymentIntentRecord Find(SandboxLedger ledger, ApiCall call)
    {
        var id = call.RouteValue("id");
        var pi = ledger.FindIntent(id);
        if (call.Credential.IsPublishable)
        {
            var secret = call.Parameters.String("client_secret") ?? "";
            return pi is not null && FixedTimeEquals(pi.ClientSecret, secret) ? pi : throw StripeErrors.ClientSecretMismatch();
        }

        return pi ?? throw StripeErrors.NoSuch("payment_intent", id, "intent");
    }

    private static bool FixedTimeEquals(string expected, string given) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));
}
