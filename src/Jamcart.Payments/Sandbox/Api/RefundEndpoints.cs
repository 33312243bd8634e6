using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Create, retrieve and list refunds.</summary>
internal static class RefundEndpoints
{
    private static readonly ListPaging Paging = new("refund", "/v1/refunds");

    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Post("/v1/refunds", ApiAccess.Secret, call => Create(ledger, call));
        router.Get("/v1/refunds", ApiAccess.Secret, call => List(ledger, call.Parameters));
        router.Get("/v1/refunds/{id}", ApiAccess.Secret, call =>
        {
            var expand = Expansions.Parse(call.Parameters.List("expand"), Expandable.Refund);
            var id = call.RouteValue("id");
            var refund = ledger.FindRefund(id) ?? throw StripeErrors.NoSuch("refund", id, "id");
            return RefundJson.Render(refund, ledger, expand);
        });
    }

    /// <summary>
    /// Stripe's <c>GET /v1/refunds</c>: newest first (the latest made first within one second), filtered by
    /// <c>payment_intent</c> or <c>charge</c>, paged with <c>limit</c>, <c>starting_after</c> and <c>ending_before</c>.
    /// </summary>
    private static JsonObject List(SandboxLedger ledger, FormParameters p)
    {
        var limit = ListPaging.Limit(p);
        var paymentIntent = p.NonEmptyString("payment_intent");
        if (paymentIntent is not null && ledger.FindIntent(paymentIntent) is null)
        {
            throw StripeErrors.NoSuch("payment_intent", paymentIntent, "payment_intent");
        }

        var charge = p.NonEmptyString("charge");
        if (charge is not null && ledger.FindCharge(charge) is null)
        {
            throw StripeErrors.NoSuch("charge", charge, "charge");
        }

        var newestFirst = ledger.Refunds
            .Where(refund => (paymentIntent is null || refund.PaymentIntentId == paymentIntent) && (charge is null || refund.ChargeId == charge))
            .Reverse()
            .OrderByDescending(refund => refund.Created)
            .ToList();
        return Paging.Render(newestFirst, limit, p, refund => refund.Id, id => ledger.FindRefund(id) is not null, refund => RefundJson.Render(refund, ledger));
    }

    private static JsonObject Create(SandboxLedger ledger, ApiCall call)
    {
        var p = call.Parameters;
        var request = new CreateRefund.Request
        {
            PaymentIntent = p.NonEmptyString("payment_intent"),
            Charge = p.NonEmptyString("charge"),
            Amount = p.Long("amount"),
            Reason = ParameterRules.Enum(p, "reason", CreateRefund.Reasons),
            Metadata = ParameterRules.Metadata(p),
        };
        if (request.PaymentIntent is null && request.Charge is null)
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest,
                "One of the following params should be provided for this request: payment_intent or charge.")
            {
                Code = "parameter_missing",
                Param = "payment_intent",
                Replayable = false,
            };
        }

        if (request.Amount is <= 0)
        {
            throw StripeErrors.InvalidPositiveInteger("amount");
        }

        var expand = Expansions.Parse(p.List("expand"), Expandable.Refund);
        var refund = CreateRefund.Execute(ledger, request, call.Context);
        return RefundJson.Render(refund, ledger, expand);
    }
}
