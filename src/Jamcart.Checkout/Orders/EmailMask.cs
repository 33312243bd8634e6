using System.Text;

namespace Jamcart.Checkout.Orders;

/// <summary>
/// An e-mail address as a buyer's order page shows it (<c>b****@example.com</c>) and as logs may mention it
/// (<c>b***@example.com</c>): enough to tell one apart, not the address.
/// </summary>
public static class EmailMask
{
    // What ends an address written in running text: SMTP replies wrap it in <>, other text in quotes or ().
    private const string Delimiters = "<>()[]{}\",;:@\\/";

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
    /// <remarks>
    /// An address is anything around an <c>@</c> with a local part on its left and a domain on its right. Only the
    /// local part needs finding exactly, since that is what is hidden; the domain stays as it was written.
    /// </remarks>
    public static string MaskWithin(string? text, int stars = 4)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return text ?? "";
        }

        var masked = new StringBuilder(text.Length);
        var copied = 0;
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', Math.Max(at + 1, copied)))
        {
            var start = LocalPartStart(text, at, copied);
            var end = DomainEnd(text, at);
            if (start < at && end > at + 1)
            {
                masked.Append(text, copied, start - copied).Append(Mask(text[start..end], stars));
                copied = end;
            }
        }

        return masked.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the local part before the <c>@</c> at <paramref name="at"/> starts; <paramref name="at"/> when there is none.</summary>
    private static int LocalPartStart(string text, int at, int notBefore)
    {
        // A quoted local part ("kim minji"@example.com) may hold spaces: it runs back to its opening quote.
        if (at > notBefore && text[at - 1] == '"')
        {
            var open = at - 1 > notBefore ? text.LastIndexOf('"', at - 2, at - 1 - notBefore) : -1;
            return open >= 0 ? open : at;
        }

        var start = at;
        while (start > notBefore && IsAddressCharacter(text[start - 1]))
        {
            start--;
        }

        // A quote or a full stop just before an address ends the sentence or opens the quotation; the address starts after it.
        while (start < at && text[start] is '\'' or '.')
        {
            start++;
        }

        return start;
    }

    /// <summary>Where the domain after the <c>@</c> at <paramref name="at"/> ends; <c>at + 1</c> when there is none.</summary>
    private static int DomainEnd(string text, int at)
    {
        // An address literal: user@[192.0.2.1].
        if (at + 1 < text.Length && text[at + 1] == '[')
        {
            var close = text.IndexOf(']', at + 1);
            return close < 0 ? at + 1 : close + 1;
        }

        var end = at + 1;
        while (end < text.Length && IsAddressCharacter(text[end]) && text[end] is not ('\'' or '!' or '?'))
        {
            end++;
        }

        // A sentence may end right after the address.
        while (end > at + 1 && text[end - 1] == '.')
        {
            end--;
        }

        return end;
    }

    private static bool IsAddressCharacter(char c) => !char.IsWhiteSpace(c) && !char.IsControl(c) && !Delimiters.Contains(c, StringComparison.Ordinal);
}
