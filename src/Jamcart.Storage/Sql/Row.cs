using System.Data.Common;

namespace Jamcart.Storage.Sql;

/// <summary>
/// The current row of a reader, read by column name in the database's own types: BIGINT as long, INTEGER as int,
/// SMALLINT 0/1 as bool, BIGINT microseconds as a time. Text comes back decoded (<see cref="SqlText"/>).
/// </summary>
internal readonly struct Row(DbDataReader reader)
{
    public string Text(string column) => SqlText.Decode(reader.GetString(reader.GetOrdinal(column)));

    public string? NullableText(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : SqlText.Decode(reader.GetString(ordinal));
    }

    public long Long(string column) => reader.GetInt64(reader.GetOrdinal(column));

    public long? NullableLong(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    public int Int(string column) => reader.GetInt32(reader.GetOrdinal(column));

    public int? NullableInt(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }

    public bool Flag(string column) => reader.GetInt16(reader.GetOrdinal(column)) != 0;

    public DateTimeOffset Time(string column) => UnixMicroseconds.ToTime(Long(column));

    public DateTimeOffset? NullableTime(string column) => NullableLong(column) is { } micros ? UnixMicroseconds.ToTime(micros) : null;

    public byte[]? Bytes(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
    }
}
