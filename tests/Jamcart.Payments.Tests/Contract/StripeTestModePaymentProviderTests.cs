namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The provider contract against Stripe's real API in test mode, through Stripe.net. Opt-in and never part of CI: it
/// needs network access and a Stripe account's test keys, and without both variables below its tests are not even
/// discovered. <see cref="StripeTestModeOwnClientPaymentProviderTests"/> runs the same with the adapter's own client.
/// </summary>
/// <remarks>
/// Run it with the keys of a test-mode account (the sandbox tests run alongside):
/// <code>
/// JAMCART_STRIPE_TEST_SECRET_KEY=sk_test_… JAMCART_STRIPE_TEST_PUBLISHABLE_KEY=pk_test_… \
///   dotnet test --project tests/Jamcart.Payments.Tests -- --filter-class "*StripeTestMode*"
/// </code>
/// Live keys are refused. The tests create PaymentIntents, confirm them with Stripe's test PaymentMethods and refund
/// some, all in test mode; nothing is cleaned up afterwards, as Stripe's test data is disposable.
/// </remarks>
[OptInByEnvironment(StripeTestMode.SecretKeyVariable, StripeTestMode.PublishableKeyVariable)]
public sealed class StripeTestModePaymentProviderTests() : PaymentProviderContract(ct => StripeTestMode.StartAsync(ApiClient.StripeNet, ct));
