using System.Globalization;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary><c>GET /api/stock?sku=…</c>: what can be bought now, per SKU: on hand minus running reservations, never below 0.</summary>
public sealed class GetStock(ICheckoutStore store, TimeProvider time)
{
    internal const int MaxSkus = 100;

    /// <summary>Available units of each known SKU asked for; unknown SKUs are left out.</summary>
    /// <exception cref="InvalidRequestException">No SKU, more than 100, or one that is not a SKU (all under <c>sku</c>).</exception>
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
        else
        {
            foreach (var sku in skus.Where(sku => !Sku.IsValid(sku)).Distinct(StringComparer.Ordinal))
            {
                errors.Add("sku", $"'{Shorten(sku)}' is not a SKU ({Sku.PatternText}).");
            }
        }

        errors.ThrowIfAny();
        var levels = await store.GetInventoryAsync([.. skus!.Distinct(StringComparer.Ordinal)], time.GetUtcNow(), ct);
        return levels.ToDictionary(pair => pair.Key, pair => Math.Max(0, pair.Value.Available), StringComparer.Ordinal);
    }

    // What is echoed back of a bad value stays short and printable.
    private static string Shorten(string? value) =>
        value is null ? "" : new string([.. value.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
