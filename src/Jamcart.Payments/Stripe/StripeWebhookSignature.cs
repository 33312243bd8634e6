using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Checks a <c>Stripe-Signature</c> header the way Stripe.net's <c>EventUtility.ValidateSignature</c> does, against any
/// of several secrets and with the adapter's own clock.
/// </summary>
/// <remarks>
/// Stripe.net's check reads the system clock and takes one secret. Rotation needs several, and tests need to move
/// time, so the same rules are applied here: HMAC-SHA256 under the secret of <c>t + "." + body</c>, hex-encoded;
/// valid if it equals any <c>v1</c> entry (Stripe sends one per active secret while a secret is rolled); then the
/// timestamp must be within the tolerance either way. Comparisons take constant time.
/// </remarks>
internal static class StripeWebhookSignature
{
    public const string HeaderName = "Stripe-Signature";

    public const string Missing = "missing signature";

    public const string NoValidSignature = "no valid signature";

    public const string OutsideTolerance = "timestamp outside tolerance";

    private const int SignatureBytes = 32;

    /// <summary>Null when the header signs the body under one of the secrets within the tolerance, otherwise the short reason.</summary>
    public static string? Check(string rawBody, string? header, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Missing;
        }

        if (!TryParse(header, out var timestamp, out var signatures))
        {
            return NoValidSignature;
        }

        if (!AnyMatches(rawBody, timestamp.Text, signatures, secrets))
        {
            return NoValidSignature;
        }

        var age = now.ToUnixTimeSeconds() - timestamp.Seconds;
        return Math.Abs(age) > (long)tolerance.TotalSeconds ? OutsideTolerance : null;
    }

    private static bool AnyMatches(string rawBody, string timestampText, List<byte[]> signatures, IReadOnlyList<string> secrets)
    {
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Compute(secret, timestampText, rawBody);
            foreach (var signature in signatures)
            {
                // No early exit: how long the check takes says nothing about which entry or secret matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched;
    }

    private static byte[] Compute(string secret, string timestampText, string rawBody)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var payload = Encoding.UTF8.GetBytes(string.Concat(timestampText, ".", rawBody));
        return HMACSHA256.HashData(key, payload);
    }

    private static bool TryParse(string header, out (string Text, long Seconds) timestamp, out List<byte[]> signatures)
    {
        timestamp = default;
        signatures = [];
        var haveTimestamp = false;

        foreach (var item in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key == "t" && !haveTimestamp)
            {
                // Stripe.net signs over the first t exactly as written, so the same text goes into the HMAC here.
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return false;
                }

                timestamp = (value, seconds);
                haveTimestamp = true;
            }
            else if (key == "v1" && TryDecodeHex(value, out var signature))
            {
                signatures.Add(signature);
            }

            // v0 (test-mode SHA-1) and unknown schemes are ignored, as Stripe.net does.
        }

        return haveTimestamp && signatures.Count > 0;
    }

    private static bool TryDecodeHex(string value, out byte[] bytes)
    {
        bytes = new byte[SignatureBytes];
        return value.Length == SignatureBytes * 2
            && Convert.FromHexString(value, bytes, out _, out var written) == OperationStatus.Done
            && written == SignatureBytes;
    }
}
