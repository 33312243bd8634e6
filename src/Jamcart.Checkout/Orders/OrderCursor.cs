using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Jamcart.Checkout.Orders;

/// <summary>Where a page of the order list ends: orders are listed newest first, ties broken by id.</summary>
public sealed record OrderCursor(DateTimeOffset CreatedAt, string Id)
{
    /// <summary>An opaque, URL-safe form for <c>nextCursor</c>.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks}:{Id}"));

    /// <summary>Reads what <see cref="Encode"/> wrote; false for anything else.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out OrderCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(decoded.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !OrderIds.IsWellFormed(decoded[(colon + 1)..]))
        {
            return false;
        }

        cursor = new OrderCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(colon + 1)..]);
        return true;
    }
}
