namespace Jamcart.Worker.Receipts;

/// <summary>An e-mail address as logs may show it (<c>j***@example.com</c>): enough to tell a support request apart, not the address.</summary>
public static class AddressMask
{
    /// <summary>The first character of the local part, three stars, and the domain.</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        // A surrogate pair is one character to a reader: never cut it in half.
        var first = char.IsHighSurrogate(address[0]) && at > 1 ? address[..2] : address[..1];
        return first + "***" + address[at..];
    }
}
