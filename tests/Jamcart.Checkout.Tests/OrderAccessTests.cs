using System.Text.RegularExpressions;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Testing;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>
/// How the buyer's endpoints find an order: a wrong token asks of the database what an unknown order asks, so
/// neither the answer nor the time it takes tells that the order exists (I6). Read in PostgreSQL's statement log.
/// </summary>
public sealed partial class OrderAccessTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_wrong_token_runs_the_same_statements_as_an_unknown_order_and_never_reads_its_lines()
    {
        await using var shop = await StartAsync(new ShopSetup { Database = await postgres.CreateDatabaseAsync(), HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1), ("TEA-002", 2));
        var unknown = OrderIds.NewOrderId(DateTimeOffset.UtcNow);

        var opened = await StatementsAsync(shop, () => shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));
        var wrongToken = await RefusedStatementsAsync(shop, () => shop.GetOrder.HandleAsync(placed.Order.Id, "wrong-token", Ct));
        var unknownOrder = await RefusedStatementsAsync(shop, () => shop.GetOrder.HandleAsync(unknown, placed.OrderToken, Ct));
        var wrongConfirm = await RefusedStatementsAsync(shop, () => shop.ConfirmOrder.HandleAsync(placed.Order.Id, "wrong-token", Ct));
        var unknownConfirm = await RefusedStatementsAsync(shop, () => shop.ConfirmOrder.HandleAsync(unknown, placed.OrderToken, Ct));

        opened.ShouldContain(sql => sql.Contains("order_lines", StringComparison.Ordinal), "the log shows the lines read for the right token");
        wrongToken.ShouldNotBeEmpty();
        wrongToken.ShouldBe(unknownOrder);
        wrongConfirm.ShouldBe(unknownConfirm);
        wrongToken.Concat(wrongConfirm).ShouldNotContain(sql => sql.Contains("order_lines", StringComparison.Ordinal));
    }

    private static Task<List<string>> RefusedStatementsAsync(TestShop shop, Func<Task<Order>> read) =>
        StatementsAsync(shop, () => Should.ThrowAsync<OrderNotFoundException>(read));

    /// <summary>The SQL PostgreSQL ran for <paramref name="action"/>, as the driver logs it.</summary>
    private static async Task<List<string>> StatementsAsync(TestShop shop, Func<Task> action)
    {
        var before = shop.Logs.Lines.Count;
        await action();
        return [.. shop.Logs.Lines.Skip(before).Select(line => Statement().Match(line)).Where(match => match.Success).Select(match => match.Groups["sql"].Value)];
    }

    [GeneratedRegex(@"^\w+ Npgsql\.Command: Command execution completed \(duration=[^)]*\): (?<sql>.*?) \| ", RegexOptions.Singleline)]
    private static partial Regex Statement();
}
