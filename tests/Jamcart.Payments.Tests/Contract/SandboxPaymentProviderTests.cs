namespace Jamcart.Payments.Tests.Contract;

/// <summary>The provider contract against Jamcart's sandbox, through the same Stripe adapter that serves Stripe.</summary>
public sealed class SandboxPaymentProviderTests() : PaymentProviderContract(SandboxRun.StartHarnessAsync);
