using Jamcart.Payments.Stripe;

using Shouldly;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// Which client the adapter picks: Stripe.net unless the <c>Jamcart.Payments.Stripe.UseStripeNet</c> switch is off, as
/// the functions' Native AOT publish sets it. The switch is process-wide, so these tests run alone, after the others.
/// </summary>
[Collection(nameof(StripeNetSwitchTests))]
[CollectionDefinition(nameof(StripeNetSwitchTests), DisableParallelization = true)]
public sealed class StripeNetSwitchTests
{
    [Fact]
    public void without_the_switch_the_adapter_calls_stripe_with_stripe_net()
    {
        StripeNetSwitch.IsEnabled.ShouldBeTrue();

        using var provider = StripePaymentProvider.Create(Options());

        provider.Api.ShouldBeOfType<StripeNetApi>();
    }

    [Fact]
    public void with_the_switch_off_the_adapter_calls_stripe_with_its_own_client_and_refuses_stripe_net()
    {
        AppContext.SetSwitch(StripeNetSwitch.Name, false);
        try
        {
            using var provider = StripePaymentProvider.Create(Options());

            provider.Api.ShouldBeOfType<StripeApiClient>();
            Should.Throw<InvalidOperationException>(() => StripePaymentProvider.Create(Options(), StripeApiChoice.StripeNet))
                .Message.ShouldContain(StripeNetSwitch.Name);
        }
        finally
        {
            // What an unset switch means, for the tests that run after this one in the same process.
            AppContext.SetSwitch(StripeNetSwitch.Name, true);
        }
    }

    private static StripeProviderOptions Options()
    {
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = "sk_test_switch",
            PublishableKey = "pk_test_switch",
            ApiBase = new Uri("http://127.0.0.1:9"),
        };
        options.WebhookSecrets.Add("whsec_switch");
        return options;
    }
}
