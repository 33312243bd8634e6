using System.Net;

using Jamcart.Functions.Tests.Support;
using Jamcart.Testing;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Functions.Tests.Hosting;

/// <summary>Reconciliation runs in the background on its interval; a failed run is logged and the next one tries again.</summary>
public sealed class BackgroundWorkTests(BackgroundWorkTests.Host api) : IClassFixture<BackgroundWorkTests.Host>
{
    public sealed class Host(PostgresServer server) : PostgresApi(server)
    {
        private readonly PostgresServer _server = server;
        private string? _connectionString;

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        public DatabaseOutage Outage => new(_server, _connectionString!);

        protected override async Task<string> CreateDatabaseAsync() => _connectionString = await base.CreateDatabaseAsync();

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Jamcart:Background:Enabled"] = "true";
            settings["Jamcart:Background:ReconcileInterval"] = "00:00:30";
        }

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        }
    }

    [Fact]
    public async Task an_order_whose_reservation_ran_out_is_expired_by_the_next_run_even_after_a_failed_one()
    {
        ApiFixture.RequiresInProcessHost("it moves the host's clock");
        var sku = await api.AddProductAsync(stock: 2);
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;

        await api.Outage.BeginAsync();
        try
        {
            api.Time.Advance(TimeSpan.FromMinutes(16));
            await WaitForAsync(() => Task.FromResult(api.Logs.Lines.Any(line => line.Contains("Background reconciliation failed", StringComparison.Ordinal))));
        }
        finally
        {
            await api.Outage.EndAsync();
        }

        api.Time.Advance(TimeSpan.FromSeconds(30));
        using var admin = api.AdminClient();
        await WaitForAsync(async () =>
            (await (await admin.GetAsync($"/api/admin/orders/{id}", TestContext.Current.CancellationToken)).JsonAsync()).GetProperty("status").GetString() == "expired");
        (await api.Client.AvailableAsync(sku)).ShouldBe(2);
        (await api.Client.GetAsync("/api/health", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        (await condition()).ShouldBeTrue("the background work did not get there in 5 s");
    }
}
