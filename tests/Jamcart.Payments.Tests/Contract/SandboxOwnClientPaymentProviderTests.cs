namespace Jamcart.Payments.Tests.Contract;

/// <summary>The provider contract against Jamcart's sandbox, through the Stripe adapter calling it with its own client (the Native AOT build).</summary>
public sealed class SandboxOwnClientPaymentProviderTests() : PaymentProviderContract(ct => SandboxRun.StartHarnessAsync(ApiClient.OwnClient, ct));
