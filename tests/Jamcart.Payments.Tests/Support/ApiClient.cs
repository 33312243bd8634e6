namespace Jamcart.Payments.Tests;

/// <summary>
/// The two clients the Stripe adapter calls Stripe with: Stripe.net in JIT builds, its own in the Native AOT build.
/// Tests that reach an API run with each (see <see cref="ForEachApiClientAttribute"/>).
/// </summary>
public enum ApiClient
{
    StripeNet,
    OwnClient,
}
