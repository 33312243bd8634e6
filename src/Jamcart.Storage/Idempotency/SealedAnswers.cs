using System.Security.Cryptography;
using System.Text;

using Jamcart.Checkout.Idempotency;

namespace Jamcart.Storage.Idempotency;

/// <summary>
/// What <c>idempotency_records</c> keeps of a key and its answer, so that reading the database is not enough to read or
/// replay an answer: the key only as a fingerprint (SHA-256), and the answer's body encrypted (AES-256-GCM) under a key
/// derived from the <c>Idempotency-Key</c> itself (SHA-256 under a label of its own), which only the client that sent it
/// holds.
/// </summary>
/// <remarks>
/// A checkout's answer holds the order token, which the orders table keeps only as a hash, and the payment's client
/// secret: kept as sent for 24 hours, a copy of the database (a backup, a leak) would open every recent order. Sealed,
/// it opens only for the request that already has the key. This is as strong as the key is unguessable: Jamcart's own
/// client sends random UUIDs, as Stripe recommends.
/// </remarks>
internal static class SealedAnswers
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = 1 + NonceSize + TagSize;
    private static readonly byte[] FingerprintLabel = "jamcart idempotency key v1\n"u8.ToArray();
    private static readonly byte[] SealLabel = "jamcart idempotency answer key v1\n"u8.ToArray();

    /// <summary>The record's <c>idempotency_key</c>: SHA-256 of the scope and the key, lower-case hex.</summary>
    public static string Fingerprint(IdempotencyKey key)
    {
        return Convert.ToHexStringLower(Digest(FingerprintLabel, key));
    }

    /// <summary>The body as stored: a version byte, a random nonce, the ciphertext and its tag.</summary>
    public static byte[] Seal(IdempotencyKey key, ReadOnlySpan<byte> body)
    {
        var sealedBody = new byte[Overhead + body.Length];
        sealedBody[0] = Version;
        var nonce = sealedBody.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(key), TagSize);
        aes.Encrypt(nonce, body, sealedBody.AsSpan(1 + NonceSize, body.Length), sealedBody.AsSpan(^TagSize), Encoding.UTF8.GetBytes(key.Scope));
        return sealedBody;
    }

    /// <summary>The body <see cref="Seal"/> was given.</summary>
    /// <exception cref="CryptographicException">The stored body was changed, or sealed for another key.</exception>
    public static byte[] Open(IdempotencyKey key, byte[] sealedBody)
    {
        ArgumentNullException.ThrowIfNull(sealedBody);
        if (sealedBody.Length < Overhead || sealedBody[0] != Version)
        {
            throw new CryptographicException("The stored idempotency answer is not one this version of Jamcart sealed.");
        }

        var body = new byte[sealedBody.Length - Overhead];
        using var aes = new AesGcm(DeriveKey(key), TagSize);
        aes.Decrypt(sealedBody.AsSpan(1, NonceSize), sealedBody.AsSpan(1 + NonceSize, body.Length), sealedBody.AsSpan(^TagSize), body, Encoding.UTF8.GetBytes(key.Scope));
        return body;
    }

    // SHA-256 over a label of its own, the scope and the key: a key as unguessable as the Idempotency-Key, unrelated to
    // the fingerprint. Not HKDF: with OpenSSL 3.0 (Debian 12) its one-shot takes a lock, so two threads derive keys no
    // faster than one, which showed in the checkouts per second (docs/benchmarks.md).
    private static byte[] DeriveKey(IdempotencyKey key) => Digest(SealLabel, key);

    private static byte[] Digest(byte[] label, IdempotencyKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData([.. label, .. Encoding.UTF8.GetBytes(key.Scope + "\n" + key.Key)]);
    }
}
