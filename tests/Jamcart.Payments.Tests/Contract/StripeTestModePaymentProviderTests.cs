using Jamcart.Payments.Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The provider contract against Stripe's real API in test mode. Opt-in and never part of CI: it needs network access
/// and a Stripe account's test keys, and without both variables below its tests are not even discovered.
/// </summary>
/// <remarks>
/// Run it with the keys of a test-mode account (the sandbox tests run alongside):
/// <code>
/// JAMCART_STRIPE_TEST_SECRET_KEY=sk_test_… JAMCART_STRIPE_TEST_PUBLISHABLE_KEY=pk_test_… \
///   dotnet test --project tests/Jamcart.Payments.Tests -- --filter-class "*StripeTestModePaymentProviderTests"
/// </code>
/// Live keys are refused. The tests create PaymentIntents, confirm them with Stripe's test PaymentMethods and refund
/// some, all in test mode; nothing is cleaned up afterwards, as Stripe's test data is disposable.
/// </remarks>
[OptInByEnvironment(SecretKeyVariable, PublishableKeyVariable)]
public sealed class StripeTestModePaymentProviderTests() : PaymentProviderContract(StartAsync)
{
    public const string SecretKeyVariable = "JAMCART_STRIPE_TEST_SECRET_KEY";
    public const string PublishableKeyVariable = "JAMCART_STRIPE_TEST_PUBLISHABLE_KEY";

    private static Task<ProviderHarness> StartAsync(CancellationToken cancellationToken)
    {
        var secretKey = Environment.GetEnvironmentVariable(SecretKeyVariable) ?? "";
        var publishableKey = Environment.GetEnvironmentVariable(PublishableKeyVariable) ?? "";
        if (!secretKey.StartsWith("sk_test_", StringComparison.Ordinal) && !secretKey.StartsWith("rk_test_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{SecretKeyVariable} must hold a test-mode key (sk_test_… or rk_test_…); live keys are never used by tests.");
        }

        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.StripeName,
            SecretKey = secretKey,
            PublishableKey = publishableKey,
            Timeout = TimeSpan.FromSeconds(30),
            MaxNetworkRetries = 2,
        };
        // Webhooks are not delivered to a test run; the secret only has to be well-formed.
        options.WebhookSecrets.Add("whsec_contract_tests_receive_no_webhooks");
        return Task.FromResult(new ProviderHarness(options));
    }
}
