namespace Jamcart.Storage;

/// <summary>Which database engine a <see cref="CheckoutDatabase"/> talks to.</summary>
public enum DatabaseKind
{
    /// <summary>One SQLite file on a local disk: one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: any number of machines.</summary>
    PostgreSql,
}
