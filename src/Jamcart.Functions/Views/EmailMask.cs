namespace Jamcart.Functions.Views;

/// <summary>E-mail addresses as a buyer's order page shows them (<c>b****@example.com</c>) and as logs may mention them.</summary>
public static class EmailMask
{
    /// <summary>The first character of the local part, four stars, and the domain.</summary>
    public static string Mask(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "****";
        }

        // A surrogate pair is one character to a reader: never cut it in half.
        var first = char.IsHighSurrogate(email[0]) && at > 1 ? email[..2] : email[..1];
        return first + "****" + email[at..];
    }
}
