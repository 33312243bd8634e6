using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>The settings of <c>jamcart.yml</c>, validated.</summary>
public sealed record StoreConfig(
    string Name,
    Uri BaseUrl,
    Currency Currency,
    string Locale,
    IReadOnlyList<string> Locales,
    string? Description,
    int LowStockThreshold,
    int PageSize,
    bool UnsafeHtml,
    ShippingConfig? Shipping,
    TaxConfig Tax,
    string PaymentProvider)
{
    /// <summary>
    /// The store database's connection string from <c>database:</c>, or null. A relative SQLite path is relative to
    /// the store folder. The <c>JAMCART_DATABASE</c> environment variable wins over it, so secrets need not be committed.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>Where <c>database:</c>'s value is in <c>jamcart.yml</c> (line and column), to point a problem with it there.</summary>
    public (int Line, int Column)? DatabaseAt { get; init; }

    /// <summary>The path part of <see cref="BaseUrl"/> without its trailing slash ("" at a domain's root), prefixed to every link.</summary>
    public string BasePath => BaseUrl.AbsolutePath.TrimEnd('/');
}

/// <summary>Shipping of physical goods: a flat rate, free over a threshold, to some countries.</summary>
public sealed record ShippingConfig(Money FlatRate, Money? FreeOver, IReadOnlyList<string> Countries);

/// <summary>Tax as a rate in parts per million of the price (10 % = 100 000), included in prices or added on top.</summary>
public sealed record TaxConfig(long RatePpm, bool Inclusive);
