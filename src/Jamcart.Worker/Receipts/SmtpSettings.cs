using System.Net;

using MailKit.Security;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// An SMTP server from a URL such as <c>smtp://user:password@mail.example.com:587</c> (STARTTLS, required but on a
/// loopback host) or <c>smtps://…:465</c> (TLS from the first byte). The URL is a secret: it holds the password.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    /// <summary>The environment variable that holds the URL; never a file, since it holds a password.</summary>
    public const string EnvironmentVariable = "JAMCART_SMTP_URL";

    /// <summary>How long one connection, command or reply may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Host and port only, for logs.</summary>
    public string Description => $"smtp {Host}:{Port}";

    /// <exception cref="ArgumentException">Not an smtp:// or smtps:// URL with a host; the message never repeats the URL.</exception>
    public static SmtpSettings Parse(string url)
    {
        const string Shape = $"{EnvironmentVariable} must look like smtp://user:password@host:587 or smtps://user:password@host:465";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0)
        {
            throw new ArgumentException(Shape);
        }

        var tls = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 465 : 587) : uri.Port;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        // A password must never cross a network in clear text; on the same machine (a local relay, a test server)
        // there is no network to cross, and such servers rarely offer STARTTLS.
        var security = tls ? SecureSocketOptions.SslOnConnect
            : IsLoopback(uri.Host) ? SecureSocketOptions.StartTlsWhenAvailable
            : SecureSocketOptions.StartTls;
        return new SmtpSettings(uri.Host, port, security, user, password);
    }

    /// <summary>Everything but the password.</summary>
    public override string ToString() => $"{Description} ({Security}{(UserName is null ? "" : ", authenticated")})";

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
