using System.Net.Http.Headers;
using System.Text;

using Microsoft.AspNetCore.Http;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// Stripe's authentication: <c>Authorization: Bearer sk_test_…</c>, or HTTP basic with the key as user name, or (for
/// Stripe.js-style browser calls) the publishable key in a <c>key</c> parameter.
/// </summary>
internal sealed class ApiAuthenticator(string secretKey, string publishableKey)
{
    /// <exception cref="SandboxApiException">No key (401), an unknown key (401), or a publishable key where only the secret key will do (403).</exception>
    public ApiCredential Authenticate(HttpRequest request, FormParameters parameters, ApiAccess access)
    {
        var key = KeyFromHeader(request) ?? parameters.String("key");
        if (string.IsNullOrEmpty(key))
        {
            throw StripeErrors.NoApiKey();
        }

        if (Matches(key, secretKey))
        {
            return new ApiCredential(secretKey, IsPublishable: false);
        }

        if (!Matches(key, publishableKey))
        {
            throw StripeErrors.InvalidApiKey(key);
        }

        if (access == ApiAccess.Secret)
        {
            throw StripeErrors.PublishableKeyNotAllowed();
        }

        if (access == ApiAccess.SecretOrClientSecret && string.IsNullOrEmpty(parameters.String("client_secret")))
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest,
                "A publishable key can only be used with a client_secret for this request. Pass the PaymentIntent's client_secret, or use your secret key.")
            {
                Code = "parameter_missing",
                Param = "client_secret",
                Replayable = false,
            };
        }

        return new ApiCredential(publishableKey, IsPublishable: true);
    }

    private static string? KeyFromHeader(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? decoded : decoded[..colon];
            }
            catch (FormatException)
            {
                return header.Parameter;
            }
        }

        return null;
    }

    private static bool Matches(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
