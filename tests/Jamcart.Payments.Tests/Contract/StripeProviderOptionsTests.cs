using Jamcart.Payments.Stripe;

using Shouldly;

namespace Jamcart.Payments.Tests.Contract;

public sealed class StripeProviderOptionsTests
{
    [Fact]
    public void complete_test_mode_options_are_valid()
    {
        Valid().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void empty_options_name_every_missing_setting()
    {
        var problems = new StripeProviderOptions().Validate();

        problems.ShouldContain(p => p.StartsWith("SecretKey is missing", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("PublishableKey is missing", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("WebhookSecrets is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void keys_in_each_others_place_are_called_out_without_quoting_them()
    {
        var options = Valid();
        options.SecretKey = "pk_test_abcdefghijklmnop";
        options.PublishableKey = "sk_test_abcdefghijklmnop";

        var problems = options.Validate();

        problems.ShouldContain(p => p.Contains("SecretKey holds a publishable key", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("PublishableKey holds a secret key", StringComparison.Ordinal));
        problems.ShouldAllBe(p => !p.Contains("abcdefghijklmnop", StringComparison.Ordinal));
    }

    [Fact]
    public void keys_from_different_modes_are_refused()
    {
        var options = Valid();
        options.PublishableKey = "pk_live_abcdefghijklmnop";

        options.Validate().ShouldContain(p => p.Contains("same mode", StringComparison.Ordinal));
    }

    [Fact]
    public void a_restricted_key_is_accepted()
    {
        var options = Valid();
        options.SecretKey = "rk_test_abcdefghijklmnop";

        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void every_webhook_secret_must_be_a_signing_secret()
    {
        var options = Valid();
        options.WebhookSecrets.Add("not-a-secret");

        options.Validate().ShouldContain("WebhookSecrets[1] must be a signing secret starting with 'whsec_'.");
    }

    [Theory]
    [InlineData("stripe", "http://api.example.com", false)]
    [InlineData("stripe", "http://127.0.0.1:12111", true)]
    [InlineData("stripe", "https://api.example.com", true)]
    [InlineData("sandbox", "http://sandbox:5081", true)]
    [InlineData("sandbox", "ftp://127.0.0.1", false)]
    public void the_secret_key_only_travels_unencrypted_to_a_sandbox_or_loopback(string name, string apiBase, bool valid)
    {
        var options = Valid();
        options.Name = name;
        options.ApiBase = new Uri(apiBase);

        (options.Validate().Count == 0).ShouldBe(valid);
    }

    [Fact]
    public void the_sandbox_without_an_address_is_refused_rather_than_sent_to_stripe()
    {
        var options = Valid();
        options.Name = StripeProviderOptions.SandboxName;

        options.Validate().ShouldContain(p => p.StartsWith("ApiBase is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 2, 300)]
    [InlineData(10, -1, 300)]
    [InlineData(10, 2, 0)]
    public void limits_must_be_usable(int timeoutSeconds, int retries, int toleranceSeconds)
    {
        var options = Valid();
        options.Timeout = TimeSpan.FromSeconds(timeoutSeconds);
        options.MaxNetworkRetries = retries;
        options.WebhookTolerance = TimeSpan.FromSeconds(toleranceSeconds);

        options.Validate().ShouldNotBeEmpty();
    }

    [Fact]
    public void an_unknown_provider_name_is_refused()
    {
        var options = Valid();
        options.Name = "paypal";

        options.Validate().ShouldContain("Name must be 'stripe' or 'sandbox'.");
    }

    [Fact]
    public void the_provider_refuses_to_start_with_invalid_options_and_lists_the_problems()
    {
        var options = Valid();
        options.SecretKey = "";
        options.WebhookSecrets.Clear();

        var thrown = Should.Throw<ArgumentException>(() => StripePaymentProvider.Create(options));

        thrown.Message.ShouldContain("SecretKey is missing");
        thrown.Message.ShouldContain("WebhookSecrets is empty");
    }

    private static StripeProviderOptions Valid()
    {
        var options = new StripeProviderOptions
        {
            SecretKey = "sk_test_abcdefghijklmnop",
            PublishableKey = "pk_test_abcdefghijklmnop",
        };
        options.WebhookSecrets.Add("whsec_abcdefghijklmnop");
        return options;
    }
}
