using Microsoft.Data.Sqlite;

using Npgsql;

using Shouldly;

namespace Jamcart.Storage.Tests.Unit;

/// <summary>An outage of the store database is told apart from a statement that is wrong, on both engines.</summary>
public sealed class StoreDatabaseErrorsTests
{
    [Theory]
    [InlineData("28P01", true)] // a password changed at the server
    [InlineData("3D000", true)] // the database dropped or renamed
    [InlineData("57P01", true)] // pg_terminate_backend, or a fast shutdown
    [InlineData("57P03", true)] // starting up
    [InlineData("53300", true)] // too many connections
    [InlineData("53100", true)] // the server's disk full
    [InlineData("57014", true)] // statement_timeout
    [InlineData("08006", true)] // the connection failed
    [InlineData("42601", false)] // a syntax error: a bug
    [InlineData("23505", false)] // a unique violation nothing expected: a bug
    [InlineData("42P01", false)] // a missing table: a bug, or a schema not migrated
    public void a_postgresql_error_means_unavailable_by_its_sqlstate(string sqlState, bool unavailable)
    {
        var exception = new PostgresException("message", "ERROR", "ERROR", sqlState);

        StoreDatabaseErrors.MeansUnavailable(exception).ShouldBe(unavailable);
    }

    [Theory]
    [InlineData(13, true)] // the disk full
    [InlineData(8, true)] // the file or its folder read-only
    [InlineData(10, true)] // an I/O error
    [InlineData(14, true)] // the file cannot be opened
    [InlineData(5, true)] // busy past the timeout, outside a write transaction
    [InlineData(6, true)] // locked
    [InlineData(1, false)] // an SQL error: a bug
    [InlineData(19, false)] // a constraint nothing expected: a bug
    public void a_sqlite_error_means_unavailable_by_its_result_code(int code, bool unavailable)
    {
        var exception = new SqliteException("message", code);

        StoreDatabaseErrors.MeansUnavailable(exception).ShouldBe(unavailable);
    }

    [Fact]
    public void a_connection_npgsql_could_not_make_means_unavailable()
    {
        StoreDatabaseErrors.MeansUnavailable(new NpgsqlException("Failed to connect", new IOException("refused"))).ShouldBeTrue();
    }
}
