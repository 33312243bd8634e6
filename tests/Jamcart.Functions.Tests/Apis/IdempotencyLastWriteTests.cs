using System.Net;

using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Functions.Apis;
using Jamcart.Functions.Idempotency;
using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>
/// An endpoint that holds back its last write for the answer (<see cref="DeferredClaim.TryHoldLastWrite"/>), as the
/// checkout does: the write runs before the answer is sent, and if it fails, its failure is the answer and not kept.
/// </summary>
public sealed class IdempotencyLastWriteTests(IdempotencyLastWriteTests.Host api) : IClassFixture<IdempotencyLastWriteTests.Host>
{
    public sealed class Host : SqliteApi
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<HoldingEndpoint>().AddSingleton<IApiExtension>(provider => provider.GetRequiredService<HoldingEndpoint>());
    }

    [Fact]
    public async Task a_held_write_runs_once_before_the_answer_which_is_then_kept()
    {
        ApiFixture.RequiresInProcessHost("the holding endpoint is a service the test adds to the host");
        var endpoint = api.Factory.Services.GetRequiredService<HoldingEndpoint>();
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(key, fail: false);
        var retry = await SendAsync(key, fail: false);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"ran {key}: 1");
        endpoint.Writes(key).ShouldBe(["completion for 201"]);
        retry.Header("Idempotent-Replayed").ShouldBe("true");
        endpoint.Runs(key).ShouldBe(1);
    }

    [Fact]
    public async Task a_held_write_that_fails_is_the_answer_and_a_retry_runs_again()
    {
        ApiFixture.RequiresInProcessHost("the holding endpoint is a service the test adds to the host");
        var endpoint = api.Factory.Services.GetRequiredService<HoldingEndpoint>();
        var key = Guid.NewGuid().ToString();

        var failed = await SendAsync(key, fail: true);
        var retry = await SendAsync(key, fail: false);

        await failed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-provider-unavailable");
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Header("Idempotent-Replayed").ShouldBeNull();
        (await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"ran {key}: 2");
        endpoint.Writes(key).ShouldBe(["completion for 201", "completion for 201"]);
    }

    private Task<HttpResponseMessage> SendAsync(string key, bool fail) =>
        api.Client.SendAsync(HttpMethod.Post, $"{HoldingEndpoint.Path}?key={key}&fail={fail}", Http.Json("{}"), ("Idempotency-Key", key));

    /// <summary>A test-only route whose first write claims the key, and whose last write waits for the answer.</summary>
    internal sealed class HoldingEndpoint : IApiExtension
    {
        public const string Path = "/api/test/held-write";

        private readonly Dictionary<string, (int Runs, List<string> Writes)> _seen = [];

        public int Runs(string key)
        {
            lock (_seen)
            {
                return _seen[key].Runs;
            }
        }

        public List<string> Writes(string key)
        {
            lock (_seen)
            {
                return [.. _seen[key].Writes];
            }
        }

        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapPost(Path, async ([FromServices] ICheckoutStore store, string key, bool fail) =>
            {
                await using (var transaction = await store.BeginAsync(CancellationToken.None))
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }

                int runs;
                lock (_seen)
                {
                    runs = (_seen.TryGetValue(key, out var seen) ? seen.Runs : 0) + 1;
                    _seen[key] = (runs, seen.Writes ?? []);
                }

                DeferredClaim.TryHoldLastWrite((completion, _) =>
                {
                    lock (_seen)
                    {
                        _seen[key].Writes.Add(completion is null ? "no completion" : $"completion for {completion.Response.StatusCode}");
                    }

                    return fail ? throw new PaymentProviderUnavailableException("The test's last write failed.") : Task.CompletedTask;
                }).ShouldBeTrue();
                return Results.Text($"ran {key}: {runs}", statusCode: 201);
            }).WithIdempotency(claimWithFirstWrite: true);
    }
}
