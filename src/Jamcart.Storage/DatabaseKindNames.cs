namespace Jamcart.Storage;

/// <summary>The engines' names as their makers write them, for what people read (the enum's names are for code).</summary>
public static class DatabaseKindNames
{
    public static string Name(this DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => "SQLite",
        DatabaseKind.PostgreSql => "PostgreSQL",
        _ => kind.ToString(),
    };
}
