namespace Jamcart.Storage.Sqlite;

/// <summary>The SQLite primary result codes Jamcart acts on (https://www.sqlite.org/rescode.html).</summary>
internal static class SqliteErrorCodes
{
    /// <summary>The file's permissions refuse the access.</summary>
    public const int Perm = 3;

    /// <summary>Another connection held the database past the busy timeout.</summary>
    public const int Busy = 5;

    /// <summary>A table is locked by another statement of the same connection or a shared cache.</summary>
    public const int Locked = 6;

    /// <summary>The database cannot be written (its file or folder is read-only).</summary>
    public const int ReadOnly = 8;

    /// <summary>The operating system reported an I/O error.</summary>
    public const int IoErr = 10;

    /// <summary>The disk is full.</summary>
    public const int Full = 13;

    /// <summary>The database file could not be opened.</summary>
    public const int CantOpen = 14;

    /// <summary>A race in the file-locking protocol.</summary>
    public const int Protocol = 15;
}
