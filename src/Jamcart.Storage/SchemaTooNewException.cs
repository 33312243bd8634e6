namespace Jamcart.Storage;

/// <summary>
/// The database holds migrations this version does not know: a newer Jamcart migrated it. This one would read and
/// write tables it does not know the shape of, so it refuses the database instead.
/// </summary>
public sealed class SchemaTooNewException(IReadOnlyCollection<string> unknown)
    : Exception($"The store database was migrated by a newer version of Jamcart ({string.Join(", ", unknown)}), which this one does not know; run that version or a later one, or a backup made before it.")
{
    public IReadOnlyCollection<string> Unknown => unknown;
}
