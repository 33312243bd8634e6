using System.Security.Cryptography;
using System.Text;

namespace Jamcart.Checkout.Orders;

/// <summary>Order ids and order tokens: where their randomness comes from and what shape they have.</summary>
public static class OrderIds
{
    private const string Prefix = "ord_";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly System.Buffers.SearchValues<char> Base32Chars = System.Buffers.SearchValues.Create(Base32);

    /// <summary>A new order id: 130 random bits, so ids cannot be guessed or counted.</summary>
    public static string NewOrderId() => Prefix + RandomNumberGenerator.GetString(Base32, 26);

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
        id is { Length: 30 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Base32Chars) < 0;
}
