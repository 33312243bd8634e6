using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Configuration;

namespace Jamcart.Functions.Tests.Configuration;

/// <summary>Which address the payment provider's secret key is sent to, for each provider and the shipped settings.</summary>
public sealed class PaymentsSettingsTests
{
    [Fact]
    public void the_stripe_provider_calls_stripe_itself_with_the_shipped_appsettings()
    {
        var payments = Bind(new() { ["Jamcart:Payments:Provider"] = "stripe" });

        payments.ToProviderOptions().ApiBase.ShouldBeNull();
    }

    [Fact]
    public void the_sandbox_provider_calls_the_sandbox_on_its_default_port_without_appsettings()
    {
        var payments = new PaymentsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jamcart:Payments:Provider"] = "sandbox" })
            .Build().GetSection("Jamcart:Payments").Bind(payments);

        payments.ToProviderOptions().ApiBase.ShouldBe(new Uri("http://127.0.0.1:5081/"));
    }

    [Fact]
    public void a_configured_api_base_wins_over_the_sandbox_default()
    {
        var payments = Bind(new() { ["Jamcart:Payments:ApiBase"] = "http://127.0.0.1:49152/" });

        payments.ToProviderOptions().ApiBase.ShouldBe(new Uri("http://127.0.0.1:49152/"));
    }

    // The appsettings.json a deployment copies from the publish, then the environment, as the host reads them.
    private static PaymentsOptions Bind(Dictionary<string, string?> environment)
    {
        var payments = new PaymentsOptions();
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection(environment)
            .Build().GetSection("Jamcart:Payments").Bind(payments);
        return payments;
    }
}
