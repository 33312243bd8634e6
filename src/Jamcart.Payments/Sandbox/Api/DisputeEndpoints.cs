using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Retrieve, answer and close disputes, as the shop does in Stripe's dashboard.</summary>
internal static class DisputeEndpoints
{
    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Get("/v1/disputes/{id}", ApiAccess.Secret, call =>
        {
            var id = call.RouteValue("id");
            return DisputeJson.Render(ledger.FindDispute(id) ?? throw StripeErrors.NoSuch("dispute", id, "id"));
        });
        router.Post("/v1/disputes/{id}", ApiAccess.Secret, call => DisputeJson.Render(Disputes.Update(
            ledger,
            call.RouteValue("id"),
            call.Parameters.Nested("evidence").String("uncategorized_text"),
            call.Parameters.Bool("submit") ?? true,
            call.Context)));
        router.Post("/v1/disputes/{id}/close", ApiAccess.Secret, call => DisputeJson.Render(Disputes.Close(ledger, call.RouteValue("id"), call.Context)));
    }
}
