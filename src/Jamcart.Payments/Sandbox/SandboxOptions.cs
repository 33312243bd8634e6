using System.Net;

namespace Jamcart.Payments.Sandbox;

/// <summary>How to run a <see cref="SandboxServer"/>: where it listens, its keys, where it posts webhooks, and its test switches.</summary>
public sealed class SandboxOptions
{
    /// <summary>The address to listen on; an IP address (a host name cannot bind port 0).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port to listen on; 0 picks a free one, which <see cref="SandboxServer.BaseUrl"/> then reports.</summary>
    public int Port { get; set; } = 5081;

    /// <summary>The secret key servers authenticate with (<c>sk_test_…</c>); a random one when null.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The publishable key browsers use (<c>pk_test_…</c>); a random one when null.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>The secret webhooks are signed with (<c>whsec_…</c>); a random one when null.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where signed events are POSTed; none are sent when null.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Test switch: duplicate, delay and reorder webhook deliveries.</summary>
    public SandboxChaos Chaos { get; set; } = new();

    /// <summary>The clock for <c>created</c> times, idempotency expiry, webhook signatures and retry schedules.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Every problem with these options, one a line; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Host is empty: give an address to listen on, such as 127.0.0.1.");
        }
        else if (!IPAddress.TryParse(Host.TrimStart('[').TrimEnd(']'), out _))
        {
            // Kestrel listens on every interface for a name it does not know, and refuses localhost with port 0 only
            // once it starts, with an exception.
            problems.Add($"Host '{Host}' is not an IP address: give one to listen on, such as 127.0.0.1 or ::1.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port {Port} is not a port number (0 to 65535; 0 picks a free port).");
        }

        if (SecretKey is not null && !SecretKey.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            problems.Add("SecretKey must start with sk_test_: the sandbox is test mode only.");
        }

        if (PublishableKey is not null && !PublishableKey.StartsWith("pk_test_", StringComparison.Ordinal))
        {
            problems.Add("PublishableKey must start with pk_test_: the sandbox is test mode only.");
        }

        if (WebhookSecret is not null && !WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            problems.Add("WebhookSecret must start with whsec_, like Stripe's signing secrets.");
        }

        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || (WebhookUrl.Scheme != Uri.UriSchemeHttp && WebhookUrl.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"WebhookUrl '{WebhookUrl}' must be an absolute http or https URL.");
        }

        if (Chaos is null)
        {
            problems.Add("Chaos is null: leave the default for no chaos.");
        }
        else
        {
            problems.AddRange(Chaos.Problems());
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider is null: leave the default for the system clock.");
        }

        return problems;
    }
}
