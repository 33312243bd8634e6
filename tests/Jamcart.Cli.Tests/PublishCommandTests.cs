using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class PublishCommandTests
{
    [Theory]
    [InlineData("http://deploy.example/hooks/0123456789abcdef")]
    [InlineData("http://10.0.0.5/hooks/0123456789abcdef")]
    public async Task a_deploy_hook_in_plain_http_off_loopback_is_refused_before_anything_is_sent(string hook)
    {
        using var temp = new TempFolder();
        var store = Path.Combine(CliProcess.RepositoryRoot, "samples", "tea-shop");

        var (exit, output, error) = await CliProcess.RunAsync("publish", store, "-o", temp["site"], "--to", hook);

        exit.ShouldBe(2, error);
        output.ShouldBeEmpty();
        error.ShouldContain("a deploy hook URL is a secret, so it must be https://");
        error.ShouldNotContain("0123456789abcdef", Case.Sensitive, "the hook's secret path is not repeated");
    }
}
