using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class PortOptionTests
{
    [Theory]
    [InlineData("--port", "70000", "serve", "shop", "--port", "70000")]
    [InlineData("--port", "-1", "serve", "shop", "--port", "-1")]
    [InlineData("--port", "70000", "dev", "shop", "--port", "70000")]
    [InlineData("--sandbox-port", "70000", "dev", "shop", "--sandbox-port", "70000")]
    [InlineData("--sandbox-port", "-1", "dev", "shop", "--sandbox-port", "-1")]
    [InlineData("--port", "65536", "sandbox", "--port", "65536")]
    public async Task a_port_out_of_range_is_a_usage_error_in_one_line(string option, string value, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.ShouldContain($"jamcart: {option}: {value} is not a port number (0 to 65535");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_sandbox_host_that_is_not_an_ip_address_is_a_usage_error_in_one_line()
    {
        var result = await CliProcess.RunAsync("sandbox", "--host", "localhost", "--port", "0");

        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.ShouldContain("jamcart: Host 'localhost' is not an IP address");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldBeEmpty();
    }
}
