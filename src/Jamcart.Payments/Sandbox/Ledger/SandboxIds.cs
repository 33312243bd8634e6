using System.Security.Cryptography;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>Identifiers and keys shaped like Stripe's: a prefix and random letters and digits.</summary>
internal static class SandboxIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>An id such as <c>pi_3Q…</c>: the prefix, an underscore and 24 random characters.</summary>
    public static string New(string prefix) => prefix + "_" + Random(24);

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
