using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jamcart.Payments.Sandbox.Webhooks;

/// <summary>
/// Stripe's <c>Stripe-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, keyed with
/// the whole <c>whsec_…</c> secret as UTF-8, exactly as Stripe.net's <c>EventUtility</c> checks it.
/// </summary>
internal static class WebhookSignature
{
    public static string Header(string secret, long timestamp, string body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Compute(secret, timestamp, body)}");

    public static string Compute(string secret, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
