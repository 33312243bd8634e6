using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>A row of the <c>products</c> table, as plain values so that a changed product compares unequal.</summary>
internal sealed record ProductRecord(string Sku, string Title, long PriceMinor, string Currency, bool Draft, bool Removed, long InitialStock)
{
    public static ProductRecord From(CatalogItem item) =>
        new(item.Sku, item.Title, item.Price.Minor, item.Price.Currency.Code, item.Draft, Removed: false, item.InitialStock);

    public static ProductRecord Read(Row row) => new(
        row.Text("sku"),
        row.Text("title"),
        row.Long("price_minor"),
        row.Text("currency"),
        row.Flag("draft"),
        row.Flag("removed"),
        row.Long("initial_stock"));

    public CatalogItem ToItem() => new(Sku, Title, new Money(PriceMinor, Jamcart.Core.Currency.Get(Currency)), Draft, InitialStock);
}
