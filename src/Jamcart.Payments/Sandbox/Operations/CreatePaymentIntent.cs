using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Rules;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary><c>POST /v1/payment_intents</c>: a PaymentIntent for an amount, confirmed at once when <c>confirm=true</c>.</summary>
internal static class CreatePaymentIntent
{
    public sealed record Request(long Amount, StripeCurrency Currency)
    {
        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

        public string? Description { get; init; }

        public string? ReceiptEmail { get; init; }

        public string? PaymentMethod { get; init; }

        public bool Confirm { get; init; }

        public bool OffSession { get; init; }

        public string? ReturnUrl { get; init; }

        public IReadOnlyList<string> PaymentMethodTypes { get; init; } = ["card"];

        public bool AutomaticPaymentMethods { get; init; }

        public string? CaptureMethod { get; init; }

        public string? SetupFutureUsage { get; init; }

        public string? StatementDescriptor { get; init; }

        public string? StatementDescriptorSuffix { get; init; }
    }

    /// <exception cref="SandboxApiException">The payment method is unknown, or the confirmation was declined (402).</exception>
    public static PaymentIntentRecord Execute(SandboxLedger ledger, Request request, RequestContext context)
    {
        if (request.Confirm && request.PaymentMethod is null)
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest, MissingPaymentMethod)
            {
                Code = "payment_intent_unexpected_state",
                Replayable = false,
            };
        }

        var pm = request.PaymentMethod is { } pmId ? Charging.ResolvePaymentMethod(ledger, pmId) : null;
        var id = SandboxIds.New("pi");
        var pi = new PaymentIntentRecord
        {
            Id = id,
            ClientSecret = id + "_secret_" + SandboxIds.Random(25),
            Amount = request.Amount,
            Currency = request.Currency,
            Created = ledger.Now,
            Status = pm is null ? PaymentIntentStatus.RequiresPaymentMethod : PaymentIntentStatus.RequiresConfirmation,
            Metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
            Description = request.Description,
            ReceiptEmail = request.ReceiptEmail,
            PaymentMethod = pm,
            PaymentMethodTypes = request.PaymentMethodTypes,
            AutomaticPaymentMethods = request.AutomaticPaymentMethods,
            CaptureMethod = request.CaptureMethod ?? "automatic_async",
            SetupFutureUsage = request.SetupFutureUsage,
            StatementDescriptor = request.StatementDescriptor,
            StatementDescriptorSuffix = request.StatementDescriptorSuffix,
            ApiVersion = context.ApiVersion,
            OffSession = request.OffSession,
        };
        ledger.Add(pi);
        ledger.Raise("payment_intent.created", PaymentIntentJson.Render(pi, ledger), context);

        if (request.Confirm && pm is not null
            && Charging.Attempt(ledger, pi, pm, context, authenticated: false, request.ReturnUrl) is { } declined)
        {
            throw Charging.Declined(pi, declined);
        }

        return pi;
    }

    public const string MissingPaymentMethod =
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.";
}
