namespace Jamcart.Site;

/// <summary>The store as templates read it (<c>store.name</c>, <c>store.categories</c>, URLs of the shop's own pages).</summary>
public sealed class StoreView
{
    public required string Name { get; init; }
    public required string? Description { get; init; }
    public required string Locale { get; init; }
    public required string DefaultLocale { get; init; }
    public required string Currency { get; init; }
    public required string BaseUrl { get; init; }
    public required string Origin { get; init; }
    public required string HomeUrl { get; init; }
    public required string CartUrl { get; init; }
    public required string CheckoutUrl { get; init; }
    public required string OrderUrl { get; init; }
    public required string CatalogUrl { get; init; }
    public required string ApiUrl { get; init; }
    public required string PaymentProvider { get; init; }
    public required bool RequiresShipping { get; init; }
    public required int LowStockThreshold { get; init; }
    public required IReadOnlyList<LinkView> Categories { get; init; }
    public required IReadOnlyList<LinkView> Pages { get; init; }
    public required IReadOnlyList<LinkView> Locales { get; init; }
}
