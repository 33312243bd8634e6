namespace Jamcart.Functions.Contracts;

/// <summary>Units available now per SKU (<c>GET /api/stock</c>); unknown SKUs are left out.</summary>
public sealed record StockView(IReadOnlyDictionary<string, long> Stock);
