using Microsoft.Data.Sqlite;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// A command kept with its connection so that its prepared statement is reused. Callers dispose commands as usual;
/// for this one that only forgets the parameters, and <see cref="Retire"/> (when the connection closes) disposes it.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite prepares a command's SQL again for every new command object, and parsing and planning the
/// statements of a checkout took about a tenth of the functions' CPU under load.
/// </remarks>
internal sealed class KeptSqliteCommand : SqliteCommand
{
    private bool _retired;

    /// <summary>Whether a caller holds it now (handed out and not yet disposed).</summary>
    public bool InUse { get; set; }

    public KeptSqliteCommand(string sql, SqliteConnection connection)
        : base(sql, connection)
    {
    }

    public void Retire()
    {
        _retired = true;
        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (_retired)
        {
            base.Dispose(disposing);
        }
        else if (disposing)
        {
            Parameters.Clear();
            Transaction = null;
            InUse = false;
        }
    }
}
