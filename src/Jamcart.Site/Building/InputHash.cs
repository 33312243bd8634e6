using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Jamcart.Site;

/// <summary>Accumulates everything one output reads into a single hash, each value delimited so that ("ab","c") ≠ ("a","bc").</summary>
internal sealed class InputHash
{
    private readonly XxHash128 _hash = new();

    public InputHash Add(string? value)
    {
        if (value is null)
        {
            return Add(-1L);
        }

        Add((long)value.Length);
        _hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
        return this;
    }

    public InputHash Add(long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        _hash.Append(buffer);
        return this;
    }

    public InputHash Add(UInt128 value)
    {
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(buffer, value);
        _hash.Append(buffer);
        return this;
    }

    public InputHash Add(bool value) => Add(value ? 1L : 0L);

    public UInt128 Value => _hash.GetCurrentHashAsUInt128();

    public static UInt128 Of(ReadOnlySpan<byte> bytes) => XxHash128.HashToUInt128(bytes);

    public static UInt128 Of(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));
}
