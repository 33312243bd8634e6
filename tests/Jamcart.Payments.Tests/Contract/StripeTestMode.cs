using Jamcart.Payments.Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The adapter against Stripe's real API in test mode, for the opt-in contract classes
/// (<see cref="StripeTestModePaymentProviderTests"/> and <see cref="StripeTestModeOwnClientPaymentProviderTests"/>).
/// </summary>
internal static class StripeTestMode
{
    public const string SecretKeyVariable = "JAMCART_STRIPE_TEST_SECRET_KEY";
    public const string PublishableKeyVariable = "JAMCART_STRIPE_TEST_PUBLISHABLE_KEY";

    public static Task<ProviderHarness> StartAsync(ApiClient client, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
        return Task.FromResult(new ProviderHarness(options, client));
    }
}
