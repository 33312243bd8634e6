using System.Globalization;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary><c>GET /api/stock?sku=…</c>: what can be bought now, per SKU: on hand minus running reservations, never below 0.</summary>
public sealed class GetStock(ICheckoutStore store, TimeProvider time)
{
    internal const int MaxSkus = 100;

    /// <summary>Available units of each SKU asked for that is for sale; unknown SKUs, drafts and removed products are left out.</summary>
    /// <remarks>
    /// A value that cannot be a SKU (lower case, too long) is unknown like any other, so it is left out rather than
    /// refused: API.md refuses only the count, and a page asking for a SKU a newer build renamed still gets the rest.
    /// </remarks>
    /// <exception cref="InvalidRequestException">No SKU, or more than 100 (under <c>sku</c>).</exception>
    public async Task<IReadOnlyDictionary<string, long>> HandleAsync(IReadOnlyList<string>? skus, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (skus is null || skus.Count == 0)
        {
            errors.Add("sku", "Ask for at least one SKU.");
        }
        else if (skus.Count > MaxSkus)
        {
            errors.Add("sku", string.Create(CultureInfo.InvariantCulture, $"Ask for at most {MaxSkus} SKUs at once; this asks for {skus.Count}."));
        }

        errors.ThrowIfAny();
        var known = skus!.Where(Sku.IsValid).Distinct(StringComparer.Ordinal).ToList();
        if (known.Count == 0)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        // A draft's stock would tell of a product not yet published; a removed one's, of one checkout no longer sells.
        var levels = await store.GetSellableInventoryAsync(known, time.StoreNow(), ct);
        return levels.ToDictionary(pair => pair.Key, pair => Math.Max(0, pair.Value.Available), StringComparer.Ordinal);
    }
}
