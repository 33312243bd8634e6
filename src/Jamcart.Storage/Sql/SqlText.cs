using System.Text;

namespace Jamcart.Storage.Sql;

/// <summary>
/// How text is stored: as given, except that PostgreSQL cannot hold U+0000 in a TEXT value, so a string containing one
/// is stored escaped. Both databases store text the same way, so a value reads back equal on either.
/// </summary>
/// <remarks>
/// A stored value that starts with U+0001 is escaped: the marker is dropped, then U+0001 '0' stands for U+0000 and
/// U+0001 '1' for U+0001. Every other string (all but hostile input) is stored unchanged and stays readable in SQL.
/// </remarks>
internal static class SqlText
{
    private const char Marker = '\u0001';

    public static string Encode(string value)
    {
        if (!value.Contains('\0', StringComparison.Ordinal) && (value.Length == 0 || value[0] != Marker))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8).Append(Marker);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\0' => escaped.Append(Marker).Append('0'),
                Marker => escaped.Append(Marker).Append('1'),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    public static string Decode(string stored)
    {
        if (stored.Length == 0 || stored[0] != Marker)
        {
            return stored;
        }

        var text = new StringBuilder(stored.Length);
        for (var i = 1; i < stored.Length; i++)
        {
            if (stored[i] == Marker && i + 1 < stored.Length)
            {
                i++;
                text.Append(stored[i] == '0' ? '\0' : Marker);
            }
            else
            {
                text.Append(stored[i]);
            }
        }

        return text.ToString();
    }
}
