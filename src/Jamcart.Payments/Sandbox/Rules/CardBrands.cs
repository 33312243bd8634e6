namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>Card numbers: the brand Stripe reports for a number's prefix, and the Luhn check every real number passes.</summary>
internal static class CardBrands
{
    /// <summary>Stripe's brand word for a card number: visa, mastercard, amex, discover, jcb, diners, unionpay or unknown.</summary>
    public static string Of(string number)
    {
        if (number.StartsWith('4'))
        {
            return "visa";
        }

        if (number.StartsWith("34", StringComparison.Ordinal) || number.StartsWith("37", StringComparison.Ordinal))
        {
            return "amex";
        }

        if (number.Length >= 4 && int.TryParse(number.AsSpan(0, 4), out var four))
        {
            if (four is >= 5100 and <= 5599 or >= 2221 and <= 2720)
            {
                return "mastercard";
            }

            if (four == 6011 || four / 100 == 65 || four is >= 6440 and <= 6499)
            {
                return "discover";
            }

            if (four is >= 3528 and <= 3589)
            {
                return "jcb";
            }

            if (four / 100 is 36 or 38 or 39 || four is >= 3000 and <= 3059)
            {
                return "diners";
            }

            if (four / 100 == 62)
            {
                return "unionpay";
            }
        }

        return "unknown";
    }

    /// <summary>True when the digits pass the Luhn checksum and have a card number's length (12 to 19).</summary>
    public static bool IsValidNumber(string number)
    {
        if (number.Length is < 12 or > 19)
        {
            return false;
        }

        var sum = 0;
        var doubled = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var digit = number[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
