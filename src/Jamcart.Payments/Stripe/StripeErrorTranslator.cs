using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Payments.Stripe;

/// <summary>Turns Stripe's refusals and failures into the checkout's typed payment exceptions, in one place.</summary>
internal static partial class StripeErrorTranslator
{
    /// <summary>The exception the checkout acts on for a Stripe API error.</summary>
    /// <param name="chargeCurrency">The currency of the request, to read an amount limit out of Stripe's message.</param>
    public static PaymentProviderException Translate(StripeApiException exception, Currency? chargeCurrency = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = exception.Error;
        var status = (int)exception.StatusCode;

        if (error?.Type == "card_error")
        {
            var declined = new PaymentError(
                error.Code ?? "card_declined",
                error.DeclineCode,
                error.Message ?? "The card was declined.");
            return new PaymentDeclinedException(declined, error.PaymentIntent?.Id);
        }

        // No error body at all (a proxy's HTML page, a truncated answer) is the provider failing, not refusing.
        if (error is null
            || status >= 500
            || status == 0
            || exception.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict
            || error.Type is "api_error" or "api_connection_error" or "rate_limit_error")
        {
            return new PaymentProviderUnavailableException(
                $"The payment provider failed (HTTP {status}{(error?.Type is { } type ? ", " + type : "")}); retry with the same idempotency key.",
                exception);
        }

        if (error.Type is "authentication_error" or "permission_error"
            || exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // Stripe's own message quotes part of the key: keep it out of ours.
            return new PaymentProviderUnavailableException(
                $"The payment provider refused the configured API key (HTTP {status}); check the provider's keys.",
                exception)
            {
                KeyRefused = true,
            };
        }

        var code = error.Code ?? error.Type ?? "invalid_request";
        return new PaymentRequestRejectedException(code, error.Message ?? "The payment provider refused the request.", error.Param)
        {
            Limit = chargeCurrency is null ? null : LimitOf(code, error.Message, chargeCurrency),
            KeyReused = error.Type == "idempotency_error",
        };
    }

    /// <summary>The amount limit an <c>amount_too_small</c> or <c>amount_too_large</c> error states, in Jamcart's minor units.</summary>
    internal static long? LimitOf(string code, string? message, Currency currency)
    {
        if (code is not ("amount_too_small" or "amount_too_large"))
        {
            return null;
        }

        // "Amount must convert to at least 50 cents": the limit is in the settlement currency, not the charge's.
        if (message is null || message.Contains("convert", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (TryParseStatedLimit(message, currency, out var stated))
        {
            return stated;
        }

        return code == "amount_too_small" ? StripeMinimumCharges.For(currency) : null;
    }

    // Stripe writes e.g. "Amount must be at least $0.50 usd" or "Amount must be no more than ¥99,999,999 jpy".
    // Only a figure followed by the charge's own currency code is trusted.
    private static bool TryParseStatedLimit(string message, Currency currency, out long limit)
    {
        limit = 0;
        var match = StatedLimit().Match(message);
        if (!match.Success
            || !string.Equals(match.Groups["code"].Value, currency.Code, StringComparison.OrdinalIgnoreCase)
            || StripeAmounts.StripeExponent(currency) is not { } stripeExponent
            || !decimal.TryParse(match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }

        var stripeMinor = major;
        for (var i = 0; i < stripeExponent; i++)
        {
            stripeMinor *= 10;
        }

        if (stripeMinor != decimal.Truncate(stripeMinor) || stripeMinor > long.MaxValue)
        {
            return false;
        }

        if (!StripeAmounts.TryFromStripe((long)stripeMinor, currency.Code, out var money))
        {
            return false;
        }

        limit = money.Minor;
        return true;
    }

    [GeneratedRegex(@"(?:at least|no more than|at most|less than or equal to)\s*[^\d\s]{0,4}\s*(?<number>\d[\d,]*(?:\.\d+)?)\s*(?<code>[A-Za-z]{3})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StatedLimit();
}
