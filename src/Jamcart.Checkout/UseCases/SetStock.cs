using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// <c>PUT /api/admin/stock/{sku}</c>: sets the units on hand (reserved ones included). Below what is reserved is
/// allowed (stock was lost): nothing more can be bought, and a reservation that can no longer be honoured ends as I4
/// says, its payment refunded. A SKU gone from the store's catalog (a sync found it removed) is unknown here, as it is
/// to a checkout; a draft is not, so that its stock can be set before it goes on sale.
/// </summary>
public sealed class SetStock(ICheckoutStore store, TimeProvider time, ILogger<SetStock> logger)
{
    public const long MinOnHand = 0;
    public const long MaxOnHand = 1_000_000_000;

    /// <exception cref="InvalidRequestException"><c>onHand</c> is missing or outside 0 to 1,000,000,000.</exception>
    /// <exception cref="UnknownSkuException">No such SKU, or one removed from the catalog.</exception>
    public async Task<InventoryLevel> HandleAsync(string sku, long? onHand, CancellationToken ct)
    {
        if (onHand is not { } units || units < MinOnHand || units > MaxOnHand)
        {
            throw InvalidRequestException.For("onHand", $"Required: a whole number from {MinOnHand} to {MaxOnHand}.");
        }

        if (!Sku.IsValid(sku))
        {
            throw new UnknownSkuException(sku);
        }

        var level = await StoreRetry.RunAsync(async () =>
        {
            var now = time.StoreNow();
            await using var transaction = await store.BeginAsync(ct);

            // A product gone from the store keeps its stock row only so that a re-add finds its count; a count set now
            // would be set on nothing anyone can buy, and the shop would believe it is selling it. A draft is set
            // ahead of its launch.
            if (!await transaction.IsInCatalogAsync(sku, ct))
            {
                throw new UnknownSkuException(sku);
            }

            // So that the answer's reserved count holds only reservations still running.
            await transaction.ReleaseExpiredReservationsAsync(sku, now, ct);
            var set = await transaction.SetOnHandAsync(sku, units, ct) ?? throw new UnknownSkuException(sku);
            await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.StockChanged, null, [sku]), now, ct);
            await transaction.CommitAsync(ct);
            return set;
        });
        CheckoutLog.StockSet(logger, sku, level.OnHand, level.Reserved);
        return level;
    }
}
