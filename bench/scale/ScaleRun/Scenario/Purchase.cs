namespace Jamcart.Bench.Scale;

/// <summary>One buyer's purchase as the run saw it: what was asked for, where, and how it ended from the buyer's side.</summary>
internal sealed class Purchase
{
    /// <summary>Unique per buyer, so the order in the database can be found even when the buyer never learned its id.</summary>
    public required string Email { get; init; }

    /// <summary>The buyer's address, as the load balancer in front of the instances reports it (<c>X-Forwarded-For</c>).</summary>
    public required string Client { get; init; }

    public required string Phase { get; init; }

    public required IReadOnlyList<(string Sku, int Quantity)> Lines { get; init; }

    public required BuyerIntent Intent { get; init; }

    public PurchaseOutcome Outcome { get; set; }

    /// <summary>What went wrong when the outcome is <see cref="PurchaseOutcome.Failed"/>.</summary>
    public string? Problem { get; set; }

    public string? OrderId { get; set; }

    public int CheckoutInstance { get; set; } = -1;

    public int CheckoutStatus { get; set; }

    public TimeSpan CheckoutTime { get; set; }

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>What a buyer means to do once the order is placed.</summary>
internal enum BuyerIntent
{
    Pay,
    PayAfterADecline,
    Cancel,
    WalkAway,
}

/// <summary>How a purchase ended for the buyer.</summary>
internal enum PurchaseOutcome
{
    Running,
    Paid,
    Canceled,
    WalkedAway,
    OutOfStock,

    /// <summary>The checkout's connection failed (its instance died): the buyer never learned of an order, if there is one.</summary>
    LostAtCheckout,

    /// <summary>Paid at the provider, but the confirm's connection failed: the webhook or reconciliation must pay the order.</summary>
    LostAtConfirm,

    /// <summary>The cancel's connection failed; the buyer asked again at a live instance (or the order had ended).</summary>
    LostAtCancel,

    /// <summary>An answer no correct shop gives (a 500, a confirm that did not pay a paid order).</summary>
    Failed,
}
