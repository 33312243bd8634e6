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

    public InputHash Add(Hash128 value)
    {
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[8..], value.High);
        _hash.Append(buffer);
        return this;
    }

    public InputHash Add(bool value) => Add(value ? 1L : 0L);

    public Hash128 Value => Hash128.Of(_hash);

    public static Hash128 Of(ReadOnlySpan<byte> bytes) => Hash128.Of(bytes);

    public static Hash128 Of(string text) => Hash128.Of(Encoding.UTF8.GetBytes(text));
}
