using System.Net;
using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Functions.Tests.Support;

using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary><c>GET /api/health</c> says whether the store database answers.</summary>
public sealed class HealthTests(HealthTests.Host api) : IClassFixture<HealthTests.Host>
{
    public sealed class Host : SqliteApi
    {
        public StoreOutage? Outage { get; private set; }

        protected override void ConfigureServices(IServiceCollection services) =>
            StoreOutage.Install(services, outage => Outage = outage);
    }

    [Fact]
    public async Task health_is_503_while_the_database_does_not_answer_and_200_again_after()
    {
        var ct = TestContext.Current.CancellationToken;
        (await api.Client.GetAsync("/api/health", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Outage!.Down = true;
        HttpResponseMessage down;
        try
        {
            down = await api.Client.GetAsync("/api/health", ct);
        }
        finally
        {
            api.Outage.Down = false;
        }

        await down.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        (await api.Client.GetAsync("/api/health", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>The store database, or, while <see cref="Down"/>, a database that fails every call.</summary>
public class StoreOutage : DispatchProxy
{
    public ICheckoutStore Inner { get; set; } = null!;

    public bool Down { get; set; }

    /// <summary>Puts an outage switch in front of the host's store database.</summary>
    public static void Install(IServiceCollection services, Action<StoreOutage> installed)
    {
        var original = services.Last(service => service.ServiceType == typeof(ICheckoutStore));
        services.AddSingleton(provider =>
        {
            var store = DispatchProxy.Create<ICheckoutStore, StoreOutage>();
            var outage = (StoreOutage)(object)store;
            outage.Inner = (ICheckoutStore)original.ImplementationFactory!(provider);
            installed(outage);
            return store;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (Down)
        {
            throw new InvalidOperationException("The database connection was refused.");
        }

        try
        {
            return targetMethod!.Invoke(Inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
