using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Create and retrieve refunds.</summary>
internal static class RefundEndpoints
{
    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Post("/v1/refunds", ApiAccess.Secret, call => Create(ledger, call));
        router.Get("/v1/refunds/{id}", ApiAccess.Secret, call =>
        {
            var expand = Expansions.Parse(call.Parameters.List("expand"), Expandable.Refund);
            var id = call.RouteValue("id");
            var refund = ledger.FindRefund(id) ?? throw StripeErrors.NoSuch("refund", id, "id");
            return RefundJson.Render(refund, ledger, expand);
        });
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
