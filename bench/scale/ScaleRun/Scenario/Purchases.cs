using System.Collections.Concurrent;

namespace Jamcart.Bench.Scale;

/// <summary>Runs purchases the way buyers make them, every request to the next live instance, and keeps each one for the audit.</summary>
internal sealed class Purchases(ShopCluster cluster, ShopClient client)
{
    private readonly ConcurrentQueue<Purchase> _all = new();
    private int _buyers;

    public IReadOnlyList<Purchase> All => [.. _all];

    /// <summary>A purchase from start to end; the buyer does not retry a request whose instance died, as a closed tab would not.</summary>
    /// <param name="at">The instance of the checkout; the next live one when null.</param>
    public async Task<Purchase> BuyAsync(string phase, IReadOnlyList<(string Sku, int Quantity)> lines, BuyerIntent intent, CancellationToken cancellationToken,
        FunctionsInstance? at = null)
    {
        var buyer = Interlocked.Increment(ref _buyers);
        var purchase = new Purchase
        {
            Email = $"buyer-{buyer}@scale.example",
            // Every buyer a person of their own, from the documentation prefix, each in a /64 of their own: rate
            // limits count per client, and an IPv6 client is its /64.
            Client = $"2001:db8:{buyer >> 16:x}:{buyer & 0xffff:x}::1",
            Phase = phase,
            Lines = lines,
            Intent = intent,
        };
        _all.Enqueue(purchase);
        try
        {
            (purchase.Outcome, purchase.Problem) = await RunAsync(purchase, at, cancellationToken);
        }
        finally
        {
            purchase.EndedAt = DateTimeOffset.UtcNow;
        }

        return purchase;
    }

    private async Task<(PurchaseOutcome, string?)> RunAsync(Purchase purchase, FunctionsInstance? at, CancellationToken cancellationToken)
    {
        var instance = at ?? cluster.Next();
        purchase.CheckoutInstance = instance.Index;
        var answer = await client.CheckoutAsync(instance.Address, purchase.Client, purchase.Lines, purchase.Email, cancellationToken);
        (purchase.CheckoutStatus, purchase.CheckoutTime, purchase.OrderId) = (answer.Status, answer.Elapsed, answer.OrderId);
        switch (answer.Status)
        {
            case 0:
                return (PurchaseOutcome.LostAtCheckout, null);
            case 409:
                return (PurchaseOutcome.OutOfStock, null);
            case not 201:
                return (PurchaseOutcome.Failed, $"checkout answered {answer.Status}");
        }

        var (orderId, token, secret) = (answer.OrderId!, answer.OrderToken!, answer.ClientSecret!);
        switch (purchase.Intent)
        {
            case BuyerIntent.WalkAway:
                return (PurchaseOutcome.WalkedAway, null);
            case BuyerIntent.Cancel:
                var (cancelStatus, canceled) = await client.CancelAsync(cluster.Next().Address, purchase.Client, orderId, token, cancellationToken);
                return cancelStatus switch
                {
                    0 => await CancelAgainAsync(purchase, orderId, token, cancellationToken),
                    200 when canceled == "canceled" => (PurchaseOutcome.Canceled, null),
                    _ => (PurchaseOutcome.Failed, $"cancel answered {cancelStatus} with status {canceled}"),
                };
        }

        if (purchase.Intent == BuyerIntent.PayAfterADecline && await client.PayAsync(secret, ShopClient.DeclinedCard, cancellationToken) is not "declined" and var declined)
        {
            return (PurchaseOutcome.Failed, $"the declined card left the payment {declined ?? "unreachable"}");
        }

        if (await client.PayAsync(secret, ShopClient.GoodCard, cancellationToken) is not "succeeded" and var payment)
        {
            return (PurchaseOutcome.Failed, $"the good card left the payment {payment ?? "unreachable"}");
        }

        var (status, paid) = await client.ConfirmAsync(cluster.Next().Address, purchase.Client, orderId, token, cancellationToken);
        return status switch
        {
            0 => (PurchaseOutcome.LostAtConfirm, null),
            200 when paid == "paid" => (PurchaseOutcome.Paid, null),
            _ => (PurchaseOutcome.Failed, $"confirm of a succeeded payment answered {status} with status {paid}"),
        };
    }

    /// <summary>
    /// The cancel died with its instance, perhaps before it reached the provider: then nothing would end the order
    /// before its reservation runs out. The buyer, told the request failed, asks again at a live instance (a moment
    /// later if the shop is busy, 503); 409 means the first request got far enough for the provider's canceled event
    /// to end the order.
    /// </summary>
    private async Task<(PurchaseOutcome, string?)> CancelAgainAsync(Purchase purchase, string orderId, string token, CancellationToken cancellationToken)
    {
        var (status, canceled) = (0, (string?)null);
        for (var attempt = 0; attempt < 3 && status is 0 or 503; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            (status, canceled) = await client.CancelAsync(cluster.Next().Address, purchase.Client, orderId, token, cancellationToken);
        }

        return status switch
        {
            200 when canceled == "canceled" => (PurchaseOutcome.LostAtCancel, null),
            409 => (PurchaseOutcome.LostAtCancel, null),
            _ => (PurchaseOutcome.Failed, $"the cancel asked again after a lost one answered {status} with status {canceled}"),
        };
    }
}
