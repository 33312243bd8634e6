using System.Globalization;
using System.Text;

namespace Jamcart.Bench.HugoSite;

/// <summary>Double-quoted strings valid both as YAML scalars and as TOML basic strings.</summary>
internal static class Quoting
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' or '\\':
                    text.Append('\\').Append(c);
                    break;
                case < ' ' or '\u007f':
                    // \uXXXX means the same in YAML and TOML; \n and friends would too, but one form is enough.
                    text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";
}
