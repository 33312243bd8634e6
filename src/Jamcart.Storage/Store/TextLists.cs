namespace Jamcart.Storage.Store;

/// <summary>Short lists of codes (SKUs, locales, countries) kept in one TEXT column, joined with commas.</summary>
internal static class TextLists
{
    private const char Separator = ',';

    /// <exception cref="ArgumentException">An item contains the separator, so it could not be read back.</exception>
    public static string Join(IEnumerable<string> items, string what)
    {
        var list = items.ToList();
        return list.Any(item => item.Contains(Separator, StringComparison.Ordinal) || item.Length == 0)
            ? throw new ArgumentException($"A {what} may not be empty or contain a comma.", what)
            : string.Join(Separator, list);
    }

    public static IReadOnlyList<string> Split(string text) => text.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
}
