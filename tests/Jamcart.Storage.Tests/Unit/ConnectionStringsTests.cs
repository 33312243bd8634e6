using Jamcart.Storage.Connections;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

using Npgsql;

using Shouldly;

namespace Jamcart.Storage.Tests.Unit;

public sealed class ConnectionStringsTests
{
    private const string Password = "s3cr3t-P@ss;word";

    [Theory]
    [InlineData("sqlite:/var/lib/jamcart/store.db", "/var/lib/jamcart/store.db")]
    [InlineData("SQLite:/var/lib/jamcart/store.db", "/var/lib/jamcart/store.db")]
    [InlineData("Data Source=/var/lib/jamcart/store.db", "/var/lib/jamcart/store.db")]
    [InlineData("Data Source=/var/lib/jamcart/store.db;Cache=Private", "/var/lib/jamcart/store.db")]
    [InlineData("  DataSource=/tmp/a b.db  ", "/tmp/a b.db")]
    public void sqlite_forms_name_the_file(string connectionString, string path)
    {
        var target = ConnectionStrings.Parse(connectionString);

        target.Kind.ShouldBe(DatabaseKind.Sqlite);
        new SqliteConnectionStringBuilder(target.ProviderConnectionString).DataSource.ShouldBe(path);
    }

    [Fact]
    public void a_relative_sqlite_path_is_made_absolute()
    {
        var target = ConnectionStrings.Parse("sqlite:data/store.db");

        new SqliteConnectionStringBuilder(target.ProviderConnectionString).DataSource.ShouldBe(Path.GetFullPath("data/store.db"));
    }

    [Theory]
    [InlineData("sqlite://fileserver/share/store.db")]
    [InlineData("SQLite://fileserver/share/store.db")]
    [InlineData("sqlite:///var/lib/jamcart/store.db")]
    public void a_sqlite_url_with_a_host_part_is_refused_with_how_to_write_a_local_path(string connectionString)
    {
        var error = Should.Throw<ArgumentException>(() => ConnectionStrings.Parse(connectionString));

        error.Message.ShouldContain("\"sqlite:/absolute/path.db\"");
        error.Message.ShouldContain("\"sqlite:relative/path.db\"");
        error.Message.ShouldNotContain("fileserver");
    }

    [Theory]
    [InlineData("postgres://shop:pw@db.example.com:6543/jamcart", "db.example.com", 6543, "jamcart", "shop", "pw")]
    [InlineData("postgresql://shop:pw@db.example.com/jamcart", "db.example.com", 5432, "jamcart", "shop", "pw")]
    [InlineData("postgres://sh%40op:p%3Aw%2F%40@127.0.0.1:5433/my%20db", "127.0.0.1", 5433, "my db", "sh@op", "p:w/@")]
    [InlineData("postgres://shop@[::1]:5432/jamcart", "::1", 5432, "jamcart", "shop", null)]
    [InlineData("Host=db;Port=5440;Database=jamcart;Username=shop;Password=pw", "db", 5440, "jamcart", "shop", "pw")]
    [InlineData("Server=db;Database=jamcart;User ID=shop", "db", 5432, "jamcart", "shop", null)]
    public void postgres_forms_name_host_port_database_and_user(string connectionString, string host, int port, string database, string user, string? password)
    {
        var target = ConnectionStrings.Parse(connectionString);

        target.Kind.ShouldBe(DatabaseKind.PostgreSql);
        var settings = new NpgsqlConnectionStringBuilder(target.ProviderConnectionString);
        settings.Host.ShouldBe(host);
        settings.Port.ShouldBe(port);
        settings.Database.ShouldBe(database);
        settings.Username.ShouldBe(user);
        settings.Password.ShouldBe(password);
    }

    [Fact]
    public void url_options_become_npgsql_settings()
    {
        var target = ConnectionStrings.Parse("postgres://shop:pw@db/jamcart?sslmode=require&Timeout=3");

        var settings = new NpgsqlConnectionStringBuilder(target.ProviderConnectionString);
        settings.SslMode.ShouldBe(SslMode.Require);
        settings.Timeout.ShouldBe(3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sqlite:")]
    [InlineData("sqlite::memory:")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x.db;Mode=Memory")]
    [InlineData("mysql://shop:" + Password + "@db/jamcart")]
    [InlineData("postgres://shop:" + Password + "@db")]
    [InlineData("postgres://shop:" + Password + "@db/")]
    [InlineData("postgres://shop:" + Password + "@/jamcart")]
    [InlineData("postgres://shop:s3cr3t-pw@db/jamcart?no_such_option=" + Password)]
    [InlineData("Host=db;Password=" + Password)]
    [InlineData("Host=db;Database=jamcart;Password=" + Password + ";Frobnicate=yes")]
    [InlineData("Password=" + Password + ";User=shop")]
    [InlineData("Password=\"" + Password)]
    [InlineData("Data Source=x.db;Frobnicate=" + Password)]
    [InlineData("Data Source=x.db;Password=s3cr3t-pw")]
    [InlineData("Data Source=x.db;Default Timeout=s3cr3t")]
    [InlineData("Data Source=x.db;Default Timeout=99999999999")]
    [InlineData("Data Source=x.db;Pooling=s3cr3t")]
    public void an_unusable_connection_string_is_refused_without_quoting_it(string connectionString)
    {
        var error = Should.Throw<ArgumentException>(() => ConnectionStrings.Parse(connectionString));

        error.Message.ShouldNotContain("s3cr3t");
        error.Message.ShouldNotContain("Frobnicate");
        error.Message.ShouldContain("sqlite:<path>");
        error.InnerException.ShouldBeNull();
    }

    [Fact]
    public async Task a_sqlite_password_is_refused_before_the_file_is_made()
    {
        var file = Path.Combine(Path.GetTempPath(), $"jamcart-{Guid.NewGuid():N}.db");

        var error = await Should.ThrowAsync<ArgumentException>(() =>
            CheckoutDatabase.OpenAsync($"Data Source={file};Password=s3cr3t-pw", new FakeTimeProvider(), cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("password");
        error.Message.ShouldNotContain("s3cr3t");
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task opening_a_database_with_a_bad_connection_string_never_shows_its_password()
    {
        var error = await Should.ThrowAsync<ArgumentException>(() =>
            CheckoutDatabase.OpenAsync("postgres://shop:" + Password + "@db.example.com", new FakeTimeProvider(), cancellationToken: TestContext.Current.CancellationToken));

        error.ToString().ShouldNotContain("s3cr3t");
    }
}
