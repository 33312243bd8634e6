using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Retrieve a charge, for what a PaymentIntent's <c>latest_charge</c> names.</summary>
internal static class ChargeEndpoints
{
    public static void Map(ApiRouter router, SandboxLedger ledger) =>
        router.Get("/v1/charges/{id}", ApiAccess.Secret, call =>
        {
            var expand = Expansions.Parse(call.Parameters.List("expand"), Expandable.Charge);
            var id = call.RouteValue("id");
            var charge = ledger.FindCharge(id) ?? throw StripeErrors.NoSuch("charge", id, "id");
            return ChargeJson.Render(charge, ledger, expand);
        });
}
