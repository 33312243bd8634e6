using Jamcart.Functions.Configuration;
using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Tests.Configuration;

/// <summary>The maintenance retentions are checked at start-up like every other setting.</summary>
public sealed class RetentionSettingsTests
{
    [Fact]
    public async Task the_default_retentions_and_three_days_of_event_ids_are_accepted()
    {
        await using var defaults = Build(Settings());
        await using var shortest = Build(Settings(("Jamcart:Background:WebhookEventRetention", "3.00:00:00"), ("Jamcart:Background:OutboxRetention", "00:00:00")));

        defaults.Services.GetRequiredService<IOptions<JamcartOptions>>().Value.Background.OutboxRetention.ShouldBe(TimeSpan.FromDays(7));
        shortest.Services.GetRequiredService<IOptions<JamcartOptions>>().Value.Background.WebhookEventRetention.ShouldBe(TimeSpan.FromDays(3));
    }

    [Theory]
    [InlineData("Jamcart:Background:WebhookEventRetention", "2.00:00:00")]
    [InlineData("Jamcart:Background:OutboxRetention", "-1.00:00:00")]
    public async Task a_retention_that_would_break_deduplication_or_the_outbox_is_refused_at_start_up(string key, string value)
    {
        await using var app = Build(Settings((key, value)));

        var failure = Should.Throw<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<JamcartOptions>>().Value);

        var setting = key.Split(':').Last();
        failure.Failures.ShouldContain(message => message.Contains(setting, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jamcart:Database"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "jamcart-never-opened.db"),
            ["Jamcart:AdminKey"] = ApiFixture.AdminKey,
            ["Jamcart:Payments:Provider"] = "sandbox",
            ["Jamcart:Payments:SecretKey"] = "sk_test_123456789",
            ["Jamcart:Payments:PublishableKey"] = "pk_test_123456789",
            ["Jamcart:Payments:WebhookSecrets:0"] = "whsec_123456789",
            ["Jamcart:Payments:ApiBase"] = "http://127.0.0.1:5081/",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The host's services with these settings, not started: reading the options runs their checks.</summary>
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = FunctionsApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddJamcartFunctions();
        return builder.Build();
    }
}
