namespace Jamcart.Storage;

/// <summary>
/// The database lacks migrations this version needs, and the caller asked not to apply them (a deploy that runs
/// <c>jamcart db migrate</c> itself). Serving from it would fail every request on a table or column that is not there.
/// </summary>
public sealed class SchemaNotMigratedException(IReadOnlyCollection<string> pending)
    : Exception($"the store database lacks migrations this version of Jamcart needs ({string.Join(", ", pending)}); run 'jamcart db migrate' first, or set Jamcart:MigrateOnStart to true.")
{
    public IReadOnlyCollection<string> Pending => pending;
}
