using Jamcart.Payments.Sandbox;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Starting a sandbox: options checked up front, keys given or generated, the real port reported.</summary>
public sealed class SandboxOptionsTests
{
    [Fact]
    public async Task unusable_options_are_refused_with_every_problem_named()
    {
        var options = new SandboxOptions
        {
            Port = 70000,
            SecretKey = "sk_live_nope",
            PublishableKey = "pk_live_nope",
            WebhookSecret = "secret",
            WebhookUrl = new Uri("ftp://example.com/hook"),
            Chaos = new SandboxChaos { DuplicateRate = 2 },
        };

        var exception = await Should.ThrowAsync<ArgumentException>(() => SandboxServer.StartAsync(options, TestContext.Current.CancellationToken));

        foreach (var word in new[] { "Port", "SecretKey", "PublishableKey", "WebhookSecret", "WebhookUrl", "DuplicateRate" })
        {
            exception.Message.ShouldContain(word);
        }
    }

    [Theory]
    [InlineData("localhost", false)]
    [InlineData("sandbox.example", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    public void the_host_must_be_an_ip_address_rather_than_a_name_kestrel_would_widen(string host, bool valid)
    {
        var problems = new SandboxOptions { Host = host }.Problems();

        (problems.Count == 0).ShouldBe(valid, string.Join(" ", problems));
    }

    [Fact]
    public async Task given_keys_are_used_and_missing_ones_generated()
    {
        await using var given = await SandboxFixture.StartAsync(options =>
        {
            options.SecretKey = "sk_test_given";
            options.PublishableKey = "pk_test_given";
            options.WebhookSecret = "whsec_given";
        });
        await using var generated = await SandboxFixture.StartAsync();

        given.SecretKey.ShouldBe("sk_test_given");
        given.PublishableKey.ShouldBe("pk_test_given");
        given.WebhookSecret.ShouldBe("whsec_given");
        generated.SecretKey.ShouldStartWith("sk_test_");
        generated.PublishableKey.ShouldStartWith("pk_test_");
        generated.WebhookSecret.ShouldStartWith("whsec_");
        generated.SecretKey.ShouldNotBe(given.SecretKey);
    }

    [Fact]
    public async Task port_zero_reports_the_port_actually_used()
    {
        await using var server = await SandboxFixture.StartAsync();

        server.BaseUrl.Host.ShouldBe("127.0.0.1");
        server.BaseUrl.Port.ShouldBeGreaterThan(0);
        server.BaseUrl.AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public void the_test_card_table_names_stripes_cards()
    {
        SandboxServer.TestCards.ShouldContain(card => card.Number == "4242424242424242" && card.PaymentMethod == "pm_card_visa");
        SandboxServer.TestCards.ShouldContain(card => card.Number == "4000002500003155");
        SandboxServer.TestCards.ShouldContain(card => card.Number == "4000008400001629");
    }
}
