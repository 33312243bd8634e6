using System.Text.RegularExpressions;

namespace Jamcart.Checkout.Orders;

/// <summary>
/// An e-mail address as a buyer's order page shows it (<c>b****@example.com</c>) and as logs may mention it
/// (<c>b***@example.com</c>): enough to tell one apart, not the address.
/// </summary>
public static partial class EmailMask
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

    /// <summary>
    /// <paramref name="text"/> with every address in it masked as <see cref="Mask"/> does, for text written elsewhere
    /// that may repeat one, such as a mail server's reply: <c>550 5.1.1 &lt;m***@example.com&gt;: Recipient address rejected</c>.
    /// </summary>
    public static string MaskWithin(string? text, int stars = 4) =>
        string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal)
            ? text ?? ""
            : AddressInText().Replace(text, address => Mask(address.Value, stars));

    // An address in running text: a local part (quoted, or not starting with a quote or a full stop) and a domain (an
    // address literal, or not ending with the full stop of a sentence). Whitespace, control characters and what
    // wraps an address (<> in SMTP replies, quotes, brackets, separators) end it. Only the local part must be found
    // exactly, since that is what is hidden.
    [GeneratedRegex("""(?:"[^"]*"|[^\s\p{Cc}<>()\[\]{}",;:@\\/'.][^\s\p{Cc}<>()\[\]{}",;:@\\/]*)@(?:\[[^\]]*\]|[^\s\p{Cc}<>()\[\]{}",;:@\\/'!?]+(?<!\.))""")]
    private static partial Regex AddressInText();
}
