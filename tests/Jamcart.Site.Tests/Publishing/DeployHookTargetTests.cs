using System.Net;

using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class DeployHookTargetTests
{
    private static readonly Uri Hook = new("https://api.netlify.example/build_hooks/5f1e-secret-hook-id");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeployHookOptions Fast => new() { FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MinInterval = TimeSpan.Zero };

    [Fact]
    public async Task a_change_posts_to_the_hook_once_retrying_server_errors_and_network_failures()
    {
        var host = new ScriptedHost(HttpStatusCode.ServiceUnavailable, null, HttpStatusCode.OK);
        var target = new DeployHookTarget(Hook, new HttpClient(host), TimeProvider.System, Fast);

        await target.PublishAsync(new PublishRequest("public", ["products/tea/index.html"]), Ct);

        host.Calls.ShouldBe(3);
        host.Methods.ShouldAllBe(method => method == HttpMethod.Post);
    }

    [Fact]
    public async Task nothing_changed_calls_nothing()
    {
        var host = new ScriptedHost(HttpStatusCode.OK);
        var target = new DeployHookTarget(Hook, new HttpClient(host), TimeProvider.System, Fast);

        await target.PublishAsync(new PublishRequest("public", []), Ct);

        host.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task a_hook_that_keeps_failing_gives_up_with_an_error_that_hides_the_hook_secret()
    {
        var host = new ScriptedHost(HttpStatusCode.BadGateway);
        var target = new DeployHookTarget(Hook, new HttpClient(host), TimeProvider.System, Fast);

        var error = await Should.ThrowAsync<PublishException>(() => target.PublishAsync(new PublishRequest("public"), Ct));

        host.Calls.ShouldBe(5);
        error.Message.ShouldContain("api.netlify.example");
        error.Message.ShouldNotContain("secret-hook-id");
    }

    [Fact]
    public async Task a_refused_hook_is_not_retried()
    {
        var host = new ScriptedHost(HttpStatusCode.NotFound);
        var target = new DeployHookTarget(Hook, new HttpClient(host), TimeProvider.System, Fast);

        await Should.ThrowAsync<PublishException>(() => target.PublishAsync(new PublishRequest("public"), Ct));

        host.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task calls_are_spaced_by_the_minimum_interval()
    {
        var host = new ScriptedHost(HttpStatusCode.OK);
        var target = new DeployHookTarget(Hook, new HttpClient(host), TimeProvider.System, Fast with { MinInterval = TimeSpan.FromMilliseconds(300) });

        await target.PublishAsync(new PublishRequest("public", ["a"]), Ct);
        await target.PublishAsync(new PublishRequest("public", ["b"]), Ct);

        host.Calls.ShouldBe(2);
        (host.Times[1] - host.Times[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
    }

    /// <summary>A host answering each call with the next status of its script (null: the connection fails), the last one forever.</summary>
    private sealed class ScriptedHost(params HttpStatusCode?[] script) : HttpMessageHandler
    {
        public int Calls => Times.Count;
        public List<DateTimeOffset> Times { get; } = [];
        public List<HttpMethod> Methods { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var status = script[Math.Min(Calls, script.Length - 1)];
            Times.Add(DateTimeOffset.UtcNow);
            Methods.Add(request.Method);
            return status is { } code
                ? Task.FromResult(new HttpResponseMessage(code))
                : Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));
        }
    }
}
