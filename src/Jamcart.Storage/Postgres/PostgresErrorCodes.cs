namespace Jamcart.Storage.Postgres;

/// <summary>The PostgreSQL SQLSTATE codes Jamcart acts on (https://www.postgresql.org/docs/current/errcodes-appendix.html).</summary>
internal static class PostgresErrorCodes
{
    /// <summary>A serializable or repeatable-read transaction lost a race; retrying it is safe.</summary>
    public const string SerializationFailure = "40001";

    /// <summary>Two transactions waited on each other; PostgreSQL rolled one back.</summary>
    public const string DeadlockDetected = "40P01";

    /// <summary>A unique index or primary key already holds the value.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>A lock could not be had at once (<c>NOWAIT</c>) or within <c>lock_timeout</c>.</summary>
    public const string LockNotAvailable = "55P03";

    /// <summary>No database of that name (dropped or renamed).</summary>
    public const string InvalidCatalogName = "3D000";

    /// <summary>The statement was canceled: by the client, or by <c>statement_timeout</c>.</summary>
    public const string QueryCanceled = "57014";
}
