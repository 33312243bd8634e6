namespace Jamcart.Storage.Tests.Contract;

/// <summary>The contract on SQLite: each test in a new file of a temporary folder.</summary>
public sealed class SqliteCheckoutStoreTests : CheckoutStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jamcart-sqlite-").FullName;

    protected override DatabaseKind Kind => DatabaseKind.Sqlite;

    protected override Task<string> NewDatabaseAsync() =>
        Task.FromResult("sqlite:" + Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
