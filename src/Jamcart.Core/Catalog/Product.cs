namespace Jamcart.Core;

/// <summary>A product of the catalog as its store folder declares it.</summary>
public sealed record Product(
    string Sku,
    string Title,
    Money Price,
    long InitialStock,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Images,
    bool Draft,
    string? Summary,
    int Weight);
