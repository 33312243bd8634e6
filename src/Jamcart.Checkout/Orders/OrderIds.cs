using System.Security.Cryptography;
using System.Text;

namespace Jamcart.Checkout.Orders;

/// <summary>Order ids and order tokens: where their randomness comes from and what shape they have.</summary>
public static class OrderIds
{
    private const string Prefix = "ord_";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly System.Buffers.SearchValues<char> Base32Chars = System.Buffers.SearchValues.Create(Base32);

    // The same 32 characters in ordinal order, so that a time written with them sorts as the time does; 10 of them hold
    // 50 bits, milliseconds until the year 37,648.
    private const string SortedBase32 = "234567abcdefghijklmnopqrstuvwxyz";
    private const int TimeChars = 10;
    private const int IdLength = 30;

    /// <summary>
    /// A new order id: the millisecond it was placed, then 80 random bits. The random part keeps ids from being guessed
    /// or counted; the time in front makes ids sort in the order they were placed.
    /// </summary>
    /// <remarks>
    /// Every index whose key starts with the order id (the orders' own, their lines', their reservations') then grows
    /// at its end, so the checkouts of one commit share that last page. With 130 random bits each landed on a page of
    /// its own: 70 KB written to SQLite's log and file per checkout under load against 50 KB now
    /// (docs/benchmarks.md), and on PostgreSQL the same scattered pages, each written whole after every checkpoint.
    /// The id tells whoever holds it when the order was placed, which the order itself shows anyway.
    /// </remarks>
    public static string NewOrderId(DateTimeOffset placedAt)
    {
        Span<char> id = stackalloc char[IdLength];
        Prefix.CopyTo(id);
        var milliseconds = (ulong)Math.Max(0, placedAt.ToUnixTimeMilliseconds());
        for (var i = Prefix.Length + TimeChars - 1; i >= Prefix.Length; i--)
        {
            id[i] = SortedBase32[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        RandomNumberGenerator.GetItems(Base32, id[(Prefix.Length + TimeChars)..]);
        return new string(id);
    }

    /// <summary>A new order token: 256 random bits, base64url (invariant I6 asks for at least 128).</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the database keeps of a token: its SHA-256, base64url.</summary>
    public static string HashToken(string token) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be a token at all (cheap to check before any database work).</summary>
    public static bool IsPlausibleToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token) =>
        !string.IsNullOrEmpty(token) && token.Length <= 200;

    /// <summary>Whether <paramref name="id"/> has the shape of an order id (cheap to check before any database work).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: IdLength } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Base32Chars) < 0;
}
