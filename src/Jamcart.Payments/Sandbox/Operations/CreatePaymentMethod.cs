using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary>
/// <c>POST /v1/payment_methods</c>: turns card details into a <c>pm_…</c> id. The card field's frame calls it straight
/// from the sandbox's own origin, so the number reaches neither the shop's page nor its server (invariant I5); only
/// the last four digits, expiry, brand and a fingerprint are kept.
/// </summary>
internal static class CreatePaymentMethod
{
    public sealed record Request(string? Number, string? ExpMonth, string? ExpYear, string? Cvc)
    {
        public BillingDetails Billing { get; init; } = new();

        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    }

    /// <exception cref="SandboxApiException">A missing field (400), or a number, expiry or CVC a card cannot have (402, as Stripe answers).</exception>
    public static PaymentMethodRecord Execute(SandboxLedger ledger, Request request)
    {
        var number = Digits(request.Number ?? throw StripeErrors.MissingParam("card[number]"));
        if (!CardBrands.IsValidNumber(number))
        {
            throw CardFieldError("incorrect_number", "Your card number is incorrect.", "card[number]");
        }

        var month = ParseInt(request.ExpMonth ?? throw StripeErrors.MissingParam("card[exp_month]"), "card[exp_month]");
        var year = ParseInt(request.ExpYear ?? throw StripeErrors.MissingParam("card[exp_year]"), "card[exp_year]");
        if (year < 100)
        {
            year += 2000;
        }

        if (month is < 1 or > 12)
        {
            throw CardFieldError("invalid_expiry_month", "Your card's expiration month is invalid.", "card[exp_month]");
        }

        var today = ledger.Time.GetUtcNow();
        if (year < today.Year || (year == today.Year && month < today.Month))
        {
            throw CardFieldError("invalid_expiry_year", "Your card's expiration year is invalid.", "card[exp_year]");
        }

        var card = TestCards.ForNumber(number);
        if (request.Cvc is { } cvc)
        {
            var cvcLength = card.Brand == "amex" ? 4 : 3;
            if (cvc.Length != cvcLength || !cvc.All(char.IsAsciiDigit))
            {
                throw CardFieldError("invalid_cvc", "Your card's security code is invalid.", "card[cvc]");
            }
        }

        var paymentMethod = new PaymentMethodRecord
        {
            Id = SandboxIds.New("pm"),
            Created = ledger.Now,
            Behavior = card,
            Last4 = number[^4..],
            ExpMonth = month,
            ExpYear = year,
            Fingerprint = ledger.Fingerprint(number),
            Billing = request.Billing,
            Metadata = request.Metadata,
        };
        ledger.Add(paymentMethod);
        return paymentMethod;
    }

    private static string Digits(string number) => new([.. number.Where(c => c is not (' ' or '-'))]);

    private static int ParseInt(string value, string param) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw StripeErrors.InvalidInteger(param, value);

    private static SandboxApiException CardFieldError(string code, string message, string param) =>
        new(402, StripeErrors.CardError, message) { Code = code, Param = param, Replayable = false };
}
