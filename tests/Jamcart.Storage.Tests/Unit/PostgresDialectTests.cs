using Jamcart.Storage.Connections;
using Jamcart.Storage.Postgres;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

namespace Jamcart.Storage.Tests.Unit;

/// <summary>The pool settings Jamcart chooses where the connection string is silent, and keeps where it is not.</summary>
public sealed class PostgresDialectTests
{
    [Fact]
    public async Task a_connection_string_without_pool_settings_gets_jamcarts()
    {
        var settings = await SettingsOfAsync("Host=127.0.0.1;Database=shop;Username=jamcart");

        settings.MaxPoolSize.ShouldBe(16);
        settings.MaxAutoPrepare.ShouldBe(64);
        settings.NoResetOnClose.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=shop;Maximum Pool Size=40", 40)]
    [InlineData("Host=127.0.0.1;Database=shop;maxpoolsize=5", 5)]
    [InlineData("postgres://jamcart@127.0.0.1/shop?Maximum%20Pool%20Size=40", 40)]
    public async Task a_pool_size_the_connection_string_gives_is_kept_however_it_is_spelled(string connectionString, int size)
    {
        var settings = await SettingsOfAsync(connectionString);

        settings.MaxPoolSize.ShouldBe(size);
    }

    [Fact]
    public async Task a_minimum_above_jamcarts_pool_size_raises_the_maximum_to_it()
    {
        var settings = await SettingsOfAsync("Host=127.0.0.1;Database=shop;Minimum Pool Size=20");

        settings.MinPoolSize.ShouldBe(20);
        settings.MaxPoolSize.ShouldBe(20);
    }

    [Fact]
    public async Task preparing_and_resetting_settings_the_connection_string_gives_are_kept()
    {
        var settings = await SettingsOfAsync("Host=127.0.0.1;Database=shop;MaxAutoPrepare=0;No Reset On Close=false");

        settings.MaxAutoPrepare.ShouldBe(0);
        settings.NoResetOnClose.ShouldBeFalse();
    }

    private static async Task<Npgsql.NpgsqlConnectionStringBuilder> SettingsOfAsync(string connectionString)
    {
        // Creating the dialect opens no connection: no server is needed.
        await using var dialect = PostgresDialect.Create(ConnectionStrings.Parse(connectionString).ProviderConnectionString, NullLoggerFactory.Instance);
        return dialect.Settings;
    }
}
