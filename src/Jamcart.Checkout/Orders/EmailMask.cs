namespace Jamcart.Checkout.Orders;

/// <summary>
/// An e-mail address as a buyer's order page shows it (<c>b****@example.com</c>) and as logs may mention it
/// (<c>b***@example.com</c>): enough to tell one apart, not the address.
/// </summary>
public static class EmailMask
{
    /// <summary>The first character of the local part, <paramref name="stars"/> stars, and the domain.</summary>
    public static string Mask(string? email, int stars = 4)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var hidden = new string('*', stars);
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return hidden;
        }

        // A surrogate pair is one character to a reader: never cut it in half.
        var first = char.IsHighSurrogate(email[0]) && at > 1 ? email[..2] : email[..1];
        return first + hidden + email[at..];
    }
}
