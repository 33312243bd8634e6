using System.Net;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>Invariant I2 through HTTP: a flash sale of many buyers for a few units sells exactly those units.</summary>
public abstract class OversellTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : OversellTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : OversellTests(api), IClassFixture<PostgresApi>;

    [Fact]
    public async Task two_hundred_concurrent_checkouts_for_five_units_sell_exactly_five()
    {
        var sku = await api.AddProductAsync(stock: 5);
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 200).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            using var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "out-of-stock");
            }

            // Any other answer is kept whole, so that a failure says what the odd buyer was told.
            var other = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict
                ? null
                : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}";
            return (response.StatusCode, other);
        }).ToList();
        start.Release(200);
        var answers = await Task.WhenAll(attempts);

        answers.Select(answer => answer.other).OfType<string>().ShouldBeEmpty();
        answers.Count(answer => answer.StatusCode == HttpStatusCode.Created).ShouldBe(5);
        answers.Count(answer => answer.StatusCode == HttpStatusCode.Conflict).ShouldBe(195);
        (await api.Client.AvailableAsync(sku)).ShouldBe(0);
    }
}
