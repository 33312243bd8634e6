using System.Data.Common;

namespace Jamcart.Storage.Sql;

/// <summary>
/// Binds <c>@name</c> parameters in the database's own types (the mirror of <see cref="Row"/>), so that both engines
/// see the same values: text encoded by <see cref="SqlText"/>, times as microseconds, flags as SMALLINT 0/1.
/// </summary>
internal static class SqlParameters
{
    public static DbCommand With(this DbCommand command, string name, string? value) =>
        command.Bind(name, value is null ? null : SqlText.Encode(value));

    public static DbCommand With(this DbCommand command, string name, long value) => command.Bind(name, value);

    public static DbCommand With(this DbCommand command, string name, long? value) => command.Bind(name, value);

    public static DbCommand With(this DbCommand command, string name, int value) => command.Bind(name, value);

    public static DbCommand With(this DbCommand command, string name, int? value) => command.Bind(name, value);

    public static DbCommand With(this DbCommand command, string name, bool value) => command.Bind(name, value ? (short)1 : (short)0);

    public static DbCommand With(this DbCommand command, string name, DateTimeOffset value) =>
        command.Bind(name, UnixMicroseconds.From(value));

    public static DbCommand With(this DbCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, value is { } time ? UnixMicroseconds.From(time) : null);

    public static DbCommand With(this DbCommand command, string name, byte[]? value) => command.Bind(name, value);

    /// <summary>The SQL list <c>@prefix0, @prefix1, …</c> for <c>IN (…)</c>; bind its values with <see cref="WithEach{T}"/>.</summary>
    public static string Placeholders(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => "@" + Name(prefix, i)));

    /// <summary>Binds the values (text or integers) of a list made by <see cref="Placeholders"/>.</summary>
    public static DbCommand WithEach<T>(this DbCommand command, string prefix, IReadOnlyList<T> values)
        where T : notnull
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Bind(Name(prefix, i), values[i] is string text ? SqlText.Encode(text) : values[i]);
        }

        return command;
    }

    private static string Name(string prefix, int index) => prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        // With its prefix: Microsoft.Data.Sqlite looks a bare name up under each of @, : and $ in turn, which was a
        // visible share of the time spent binding the orders table's 34 parameters.
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
