using System.Net;

using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// Two host processes on one PostgreSQL database with <c>Jamcart:RateLimit:Shared</c>: a client's requests count
/// together whichever instance answers them, so the limit does not grow with the number of instances.
/// </summary>
public sealed class SharedRateLimitProcessTests(PostgresServer server) : IAsyncLifetime
{
    private const string Limited = "/api/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa";

    private SandboxServer _sandbox = null!;
    private string _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        _database = await server.CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync() => await _sandbox.StopAsync();

    [Fact]
    public async Task two_instances_sharing_one_database_refuse_a_client_once_its_combined_count_is_over_the_limit()
    {
        var shared = new Dictionary<string, string>
        {
            ["Jamcart__RateLimit__Shared"] = "true",
            ["Jamcart__RateLimit__PermitsPerMinute"] = "6",
        };
        await using var first = await HostProcess.StartAsync(_database, _sandbox, shared);
        await using var second = await HostProcess.StartAsync(_database, _sandbox, shared);
        using var a = new HttpClient { BaseAddress = first.Address };
        using var b = new HttpClient { BaseAddress = second.Address };
        await AwayFromTheMinutesEndAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await (i % 2 == 0 ? a : b).GetAsync(Limited, Ct);
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.NotFound, 6), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)], first.Output + second.Output);
        refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("urn:jamcart:problem:rate-limited");
    }

    [Fact]
    public async Task without_the_shared_setting_each_instance_counts_alone()
    {
        var perProcess = new Dictionary<string, string> { ["Jamcart__RateLimit__PermitsPerMinute"] = "3" };
        await using var first = await HostProcess.StartAsync(_database, _sandbox, perProcess);
        await using var second = await HostProcess.StartAsync(_database, _sandbox, perProcess);
        using var a = new HttpClient { BaseAddress = first.Address };
        using var b = new HttpClient { BaseAddress = second.Address };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await (i % 2 == 0 ? a : b).GetAsync(Limited, Ct)).StatusCode);
        }

        statuses.ShouldAllBe(status => status == HttpStatusCode.NotFound, "two instances allow twice the limit");
    }

    /// <summary>The shared windows are whole minutes of the clock: a count that straddles one would start over half-way.</summary>
    private static async Task AwayFromTheMinutesEndAsync()
    {
        var second = DateTimeOffset.UtcNow.Second;
        if (second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second), Ct);
        }
    }
}
