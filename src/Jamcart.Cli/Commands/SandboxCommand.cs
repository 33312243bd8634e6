using System.CommandLine;
using System.Net.Sockets;

using Jamcart.Cli.Output;
using Jamcart.Cli.Parsing;
using Jamcart.Cli.Serve;
using Jamcart.Payments.Sandbox;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart sandbox [--port 5081] [--secret-key sk_test_…] [--publishable-key pk_test_…] [--webhook-url URL]
/// [--webhook-secret whsec_…] [--chaos [--chaos-seed N]]</c>: the local Stripe-compatible payment provider, until Ctrl-C.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 5081, CustomParser = PortNumbers.Parse };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var secretKey = new Option<string?>("--secret-key") { Description = "Secret key servers use (sk_test_…); random when not given." };
        var publishableKey = new Option<string?>("--publishable-key") { Description = "Publishable key browsers use (pk_test_…); random when not given." };
        var webhookUrl = new Option<string?>("--webhook-url") { Description = "Where signed events are posted, e.g. http://127.0.0.1:8080/api/webhooks/stripe." };
        var webhookSecret = new Option<string?>("--webhook-secret") { Description = "Secret webhooks are signed with (whsec_…); random when not given." };
        var chaos = new Option<bool>("--chaos")
        {
            Description = "Deliver webhooks as a provider may at its worst: a quarter of events twice, a quarter up to 3 s late, "
                + "each batch out of order. For testing that a receiver handles repeats and reordering.",
        };
        var chaosSeed = new Option<int?>("--chaos-seed")
        {
            Description = "Seed for --chaos's choices, to repeat a run's deliveries exactly; random when not given.",
            CustomParser = WholeNumbers.ParseOptional<int>,
        };
        webhookUrl.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                result.AddError($"--webhook-url '{value}' is not an absolute URL");
            }
        });

        var command = new Command("sandbox", "Run the local Stripe-compatible payment sandbox: test cards, 3-D Secure, signed webhooks.")
        {
            port, host, secretKey, publishableKey, webhookUrl, webhookSecret, chaos, chaosSeed,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            // It stands in for Stripe's servers, which answer for months on end.
            ServingRuntime.RestartWith(ServingRuntime.Sandbox);
            return RunAsync(
                new SandboxOptions
                {
                    Host = parsed.GetValue(host)!,
                    Port = parsed.GetValue(port),
                    SecretKey = parsed.GetValue(secretKey),
                    PublishableKey = parsed.GetValue(publishableKey),
                    WebhookSecret = parsed.GetValue(webhookSecret),
                    WebhookUrl = parsed.GetValue(webhookUrl) is { } url ? new Uri(url) : null,
                    Chaos = parsed.GetValue(chaos) ? AtItsWorst(parsed.GetValue(chaosSeed)) : new SandboxChaos { Seed = parsed.GetValue(chaosSeed) },
                },
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// What <c>--chaos</c> switches on. Stripe promises at-least-once delivery in no particular order; these rates make
    /// a repeat or a reordering show up within a handful of payments.
    /// </summary>
    public static SandboxChaos AtItsWorst(int? seed) => new()
    {
        DuplicateRate = 0.25,
        DelayRate = 0.25,
        MaxDelay = TimeSpan.FromSeconds(3),
        Reorder = true,
        Seed = seed,
    };

    public static async Task<int> RunAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Terminal.Error.WriteLine($"jamcart: {problem}");
            }

            return ExitCodes.Usage;
        }

        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(options, cancellationToken);
        }
        catch (IOException exception)
        {
            // Kestrel reports a port in use as an IOException.
            Terminal.Error.WriteLine($"jamcart: cannot listen on {options.Host}:{options.Port} ({exception.Message}); choose another with --port");
            return ExitCodes.Settings;
        }
        catch (SocketException exception)
        {
            // Any other refusal to bind (an address not this machine's) Kestrel lets through as it is.
            Terminal.Error.WriteLine($"jamcart: cannot listen on {options.Host}:{options.Port}: {exception.Message}; choose another with --host");
            return ExitCodes.Settings;
        }

        await using (server)
        {
            PrintBanner(server, options.WebhookUrl, options.Chaos);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop cleanly.
            }
        }

        return ExitCodes.Ok;
    }

    private static void PrintBanner(SandboxServer server, Uri? webhookUrl, SandboxChaos chaos)
    {
        var console = Terminal.Out;
        console.MarkupLine($"[green]Sandbox payments[/] at {Markup.Escape(server.BaseUrl.ToString())} (Ctrl-C to stop)");
        var keys = new Grid().AddColumn().AddColumn();
        keys.AddRow("secret key", Markup.Escape(server.SecretKey));
        keys.AddRow("publishable key", Markup.Escape(server.PublishableKey));
        keys.AddRow("webhook secret", Markup.Escape(server.WebhookSecret));
        keys.AddRow("webhooks", webhookUrl is null ? "none (pass --webhook-url to receive events)" : Markup.Escape(webhookUrl.ToString()));
        if (chaos.DuplicateRate > 0 || chaos.DelayRate > 0 || chaos.Reorder)
        {
            keys.AddRow("chaos", Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{chaos.DuplicateRate * 100:0}% of events twice, {chaos.DelayRate * 100:0}% up to {chaos.MaxDelay.TotalSeconds:0} s late, out of order{(chaos.Seed is { } seed ? $" (seed {seed})" : "")}")));
        }

        keys.AddRow("browser script", Markup.Escape(new Uri(server.BaseUrl, "sandbox.js").ToString()));
        console.Write(keys);

        PrintTestCards();
    }

    /// <summary>The sandbox's test cards as a table, for every command that runs the sandbox.</summary>
    public static void PrintTestCards()
    {
        Terminal.Out.MarkupLine("Test cards (any future expiry, any CVC); any other valid number succeeds:");
        var cards = new Table().AddColumn("card number").AddColumn("payment method").AddColumn("outcome");
        foreach (var card in SandboxServer.TestCards)
        {
            cards.AddRow(Markup.Escape(Group(card.Number)), Markup.Escape(card.PaymentMethod ?? "-"), Markup.Escape(card.Outcome));
        }

        Terminal.Out.Write(cards);
    }

    private static string Group(string number) =>
        number.Length == 15
            ? $"{number[..4]} {number[4..10]} {number[10..]}"
            : string.Join(' ', number.Chunk(4).Select(chunk => new string(chunk)));
}
