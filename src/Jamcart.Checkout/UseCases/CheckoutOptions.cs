namespace Jamcart.Checkout.UseCases;

/// <summary>The checkout's limits and clocks, bound from configuration and checked at start-up with <see cref="Validate"/>.</summary>
public sealed class CheckoutOptions
{
    /// <summary>How long an order holds its stock while the buyer pays.</summary>
    public TimeSpan ReservationTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a new order may go without its payment before reconciliation assumes the process placing it died,
    /// finds the payment at the provider with the same idempotency key, cancels it and releases the stock.
    /// </summary>
    public TimeSpan PaymentCreationGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Different products in one order, after repeated SKUs are merged.</summary>
    public int MaxLines { get; set; } = 50;

    /// <summary>Units of one product in one order, after repeated SKUs are merged.</summary>
    public int MaxQuantity { get; set; } = 99;

    /// <summary>Orders one reconciliation batch looks at; a run takes batch after batch (see <see cref="ReconcileTimeBudget"/>).</summary>
    public int ReconcileBatchSize { get; set; } = 100;

    /// <summary>
    /// How long one reconciliation run starts new batches for: it stops at the first batch that ends after this, and
    /// reports how many orders were left due. Twenty seconds fit within the 29 to 30 seconds an HTTP call through an
    /// API gateway may take, so a scheduler's <c>POST /api/admin/maintenance</c> is answered, purges included.
    /// </summary>
    public TimeSpan ReconcileTimeBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When reconciliation looks again at an order it could not finish (a payment still processing).</summary>
    public TimeSpan ReconcileRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem with these options, one a line; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ReservationTime < TimeSpan.FromMinutes(1) || ReservationTime > TimeSpan.FromDays(1))
        {
            problems.Add($"ReservationTime {ReservationTime} must be between 1 minute and 1 day: long enough to pay, short enough not to hold stock for nothing.");
        }

        if (PaymentCreationGrace < TimeSpan.FromSeconds(10) || PaymentCreationGrace >= ReservationTime)
        {
            problems.Add($"PaymentCreationGrace {PaymentCreationGrace} must be at least 10 seconds (longer than creating a payment takes) and shorter than ReservationTime.");
        }

        if (MaxLines is < 1 or > 1000)
        {
            problems.Add($"MaxLines {MaxLines} must be between 1 and 1000.");
        }

        if (MaxQuantity is < 1 or > 1_000_000)
        {
            problems.Add($"MaxQuantity {MaxQuantity} must be between 1 and 1000000.");
        }

        if (ReconcileBatchSize is < 1 or > 10_000)
        {
            problems.Add($"ReconcileBatchSize {ReconcileBatchSize} must be between 1 and 10000.");
        }

        if (ReconcileTimeBudget <= TimeSpan.Zero || ReconcileTimeBudget > TimeSpan.FromHours(1))
        {
            problems.Add($"ReconcileTimeBudget {ReconcileTimeBudget} must be more than 0 and at most 1 hour.");
        }

        if (ReconcileRetryDelay < TimeSpan.FromSeconds(1) || ReconcileRetryDelay > TimeSpan.FromHours(1))
        {
            problems.Add($"ReconcileRetryDelay {ReconcileRetryDelay} must be between 1 second and 1 hour.");
        }

        return problems;
    }
}
