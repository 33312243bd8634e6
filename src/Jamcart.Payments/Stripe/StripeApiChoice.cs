namespace Jamcart.Payments.Stripe;

/// <summary>The client the adapter calls Stripe with (see <see cref="IStripeApi"/>).</summary>
internal enum StripeApiChoice
{
    StripeNet,
    OwnClient,
}
