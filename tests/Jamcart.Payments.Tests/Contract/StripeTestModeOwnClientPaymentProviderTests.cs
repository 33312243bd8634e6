namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The provider contract against Stripe's real API in test mode, through the adapter's own client (the Native AOT
/// build); opt-in like <see cref="StripeTestModePaymentProviderTests"/>, with the same variables.
/// </summary>
[OptInByEnvironment(StripeTestMode.SecretKeyVariable, StripeTestMode.PublishableKeyVariable)]
public sealed class StripeTestModeOwnClientPaymentProviderTests() : PaymentProviderContract(ct => StripeTestMode.StartAsync(ApiClient.OwnClient, ct));
