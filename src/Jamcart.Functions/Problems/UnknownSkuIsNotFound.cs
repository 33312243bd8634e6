namespace Jamcart.Functions.Problems;

/// <summary>
/// Endpoint metadata: on this route an unknown SKU is the resource that is missing (<c>PUT /api/admin/stock/{sku}</c>),
/// so <c>unknown-sku</c> answers 404 instead of 400.
/// </summary>
public sealed class UnknownSkuIsNotFound
{
    public static UnknownSkuIsNotFound Instance { get; } = new();
}
