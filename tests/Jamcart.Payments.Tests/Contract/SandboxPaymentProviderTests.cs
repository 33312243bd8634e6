namespace Jamcart.Payments.Tests.Contract;

/// <summary>The provider contract against Jamcart's sandbox, through the Stripe adapter calling it with Stripe.net (JIT builds).</summary>
public sealed class SandboxPaymentProviderTests() : PaymentProviderContract(ct => SandboxRun.StartHarnessAsync(ApiClient.StripeNet, ct));
