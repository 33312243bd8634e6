using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace Jamcart.Site;

/// <summary>
/// A 128-bit XXH3 hash as two 64-bit halves. Not <see cref="Hash128"/>: ReadyToRun leaves every method that has an
/// <see cref="Hash128"/> in its signature or locals to the JIT, and a one-shot build then runs its hot paths as
/// unoptimised tier-0 code (measured: 765 methods compiled at start-up of a rebuild, most of them Jamcart's own).
/// </summary>
public readonly struct Hash128(ulong high, ulong low) : IEquatable<Hash128>, IComparable<Hash128>
{
    public static readonly Hash128 Zero;

    public ulong High { get; } = high;

    public ulong Low { get; } = low;

    public static Hash128 Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[16];
        XxHash128.Hash(bytes, digest);
        return FromDigest(digest);
    }

    public static Hash128 Of(XxHash128 hash)
    {
        Span<byte> digest = stackalloc byte[16];
        hash.GetCurrentHash(digest);
        return FromDigest(digest);
    }

    // XxHash128 writes its digest big-endian, high half first.
    private static Hash128 FromDigest(ReadOnlySpan<byte> digest) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));

    /// <summary>The first <paramref name="digits"/> hexadecimal digits (at most 16), as in a fingerprinted file name.</summary>
    public string Prefix(int digits) => (High >> (64 - 4 * digits)).ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // Ordered as the 128-bit number, so that saved sets of hashes come out in the same order on every build.
    public int CompareTo(Hash128 other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public bool Equals(Hash128 other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is Hash128 other && Equals(other);

    // The halves are already uniformly distributed: any 32 bits of them make a good bucket index.
    public override int GetHashCode() => (int)Low;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{High:x16}{Low:x16}");

    public static bool operator ==(Hash128 left, Hash128 right) => left.Equals(right);

    public static bool operator !=(Hash128 left, Hash128 right) => !left.Equals(right);

    public static bool operator <(Hash128 left, Hash128 right) => left.CompareTo(right) < 0;

    public static bool operator <=(Hash128 left, Hash128 right) => left.CompareTo(right) <= 0;

    public static bool operator >(Hash128 left, Hash128 right) => left.CompareTo(right) > 0;

    public static bool operator >=(Hash128 left, Hash128 right) => left.CompareTo(right) >= 0;
}
