using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Jamcart.Testing;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary><c>jamcart sandbox</c> as a developer runs it beside an integration of their own.</summary>
public sealed partial class SandboxCommandTests
{
    private const string SecretKey = "sk_test_sandbox_command_tests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task with_chaos_webhooks_arrive_twice_and_out_of_order_as_the_banner_says()
    {
        var received = new ConcurrentQueue<string>();
        using var receiver = new HttpListener();
        var hook = $"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}/hook/";
        receiver.Prefixes.Add(hook);
        receiver.Start();
        _ = ReceiveAsync(receiver, received);
        using var sandbox = ServerProcess.Start(
            new Dictionary<string, string?>(), "sandbox", "--port", "0", "--secret-key", SecretKey, "--webhook-url", hook, "--chaos", "--chaos-seed", "7");
        await sandbox.WaitForOutputAsync("chaos", "the banner's chaos line");
        var api = new Uri(sandbox.Output.Select(line => SandboxAddress().Match(line)).First(match => match.Success).Value);

        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
        for (var i = 0; i < 12; i++)
        {
            using var paid = await http.PostAsync("v1/payment_intents", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["amount"] = "1250",
                ["currency"] = "usd",
                ["payment_method"] = "pm_card_visa",
                ["confirm"] = "true",
            }), Ct);
            paid.StatusCode.ShouldBe(HttpStatusCode.OK, await paid.Content.ReadAsStringAsync(Ct));
        }

        sandbox.Output.ShouldContain(line => line.Contains("25% of events twice, 25% up to 3 s late, out of order (seed 7)", StringComparison.Ordinal));
        await sandbox.WaitUntilAsync(
            () => Task.FromResult(received.GroupBy(id => id, StringComparer.Ordinal).Any(group => group.Count() > 1)),
            "an event delivered twice");
        StoppedBySignal(await sandbox.StopAsync());
    }

    private static async Task ReceiveAsync(HttpListener receiver, ConcurrentQueue<string> received)
    {
        while (receiver.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await receiver.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                received.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!["id"]!.GetValue<string>());
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    /// <summary>As <see cref="ServingRuntimeTests"/>: a signal this soon after the start may be answered by the command line library.</summary>
    private static void StoppedBySignal(int exitCode) => new[] { 0, 130, 143 }.ShouldContain(exitCode);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex SandboxAddress();
}
