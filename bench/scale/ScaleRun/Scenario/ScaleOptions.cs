namespace Jamcart.Bench.Scale;

/// <summary>
/// The sizes and timings of one run of <see cref="ScaleScenario"/>: <see cref="Full"/> for <c>bench/scale/run.sh</c>,
/// <see cref="Small"/> for the test suite; the programs and the database come from whoever runs it.
/// </summary>
internal sealed record ScaleOptions
{
    /// <summary>The <c>jamcart</c> command (build, worker).</summary>
    public required string Jamcart { get; init; }

    /// <summary>The functions host (<c>Jamcart.Functions</c>).</summary>
    public required string Functions { get; init; }

    /// <summary>An empty PostgreSQL database (Npgsql connection string or URL).</summary>
    public required string Database { get; init; }

    /// <summary>Where the store, the workers' output, the published site and every process's log go.</summary>
    public required string WorkFolder { get; init; }

    public int Instances { get; init; } = 3;

    /// <summary>The instance the provider's webhooks go to (never killed: a load balancer would route around a dead one).</summary>
    public int WebhookInstance { get; init; }

    /// <summary>The instance killed mid-run.</summary>
    public int DoomedInstance { get; init; } = 1;

    // Throughput: a closed loop of buyers paying for one plentiful unit each.
    public int ThroughputBuyers { get; init; } = 48;
    public TimeSpan ThroughputTime { get; init; } = TimeSpan.FromSeconds(20);

    // The flash sale: every buyer at once for one SKU; the winners pay.
    public int FlashBuyers { get; init; } = 1500;
    public int FlashStock { get; init; } = 100;

    // Chaos: ordinary purchases while an instance and then the active worker are killed.
    public int ChaosBuyers { get; init; } = 24;
    public TimeSpan ChaosTime { get; init; } = TimeSpan.FromSeconds(16);
    public TimeSpan KillInstanceAfter { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan KillWorkerAfter { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long the provider holds every call around the instance's kill, so the kill catches checkouts between
    /// reserving stock and attaching their payment (what reconciliation must finish). Below the functions' provider timeout.
    /// </summary>
    public TimeSpan PaymentHold { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Shares of chaos buyers who cancel their order, who leave without paying (it expires), who are declined once before paying.</summary>
    public double CancelShare { get; init; } = 0.05;
    public double WalkAwayShare { get; init; } = 0.05;
    public double DeclinedFirstShare { get; init; } = 0.05;

    // The catalog: plenty of most teas, a few scarce ones that go low and sell out, and the flash-sale item.
    public int PlentifulSkus { get; init; } = 16;
    public int ScarceSkus { get; init; } = 4;
    public int ScarceStock { get; init; } = 40;
    public int LowStockThreshold { get; init; } = 5;

    // The functions' background work, short so the run ends in seconds.
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan PaymentCreationGrace { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ReservationTime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest the run waits for every order to end and every outbox entry to be published.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How soon after the active worker's kill the standby must hold the lease.</summary>
    public TimeSpan TakeoverLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the buyers' choices, for a run that can be repeated.</summary>
    public int Seed { get; init; } = 20261124;

    /// <summary>Told what the run is doing, a line at a time.</summary>
    public Action<string> Progress { get; init; } = _ => { };

    /// <summary>The benchmark's sizes: 1,500 buyers for 100 units, a minute of walk-aways expiring, a few minutes in all.</summary>
    public static ScaleOptions Full(string jamcart, string functions, string database, string workFolder) => new()
    {
        Jamcart = jamcart,
        Functions = functions,
        Database = database,
        WorkFolder = workFolder,
    };

    /// <summary>
    /// The same scenario in seconds: fewer buyers, a short throughput phase, and no buyer who walks away from an
    /// unpaid order (its reservation would take the minimum of a minute to expire).
    /// </summary>
    public static ScaleOptions Small(string jamcart, string functions, string database, string workFolder) => new()
    {
        Jamcart = jamcart,
        Functions = functions,
        Database = database,
        WorkFolder = workFolder,
        ThroughputBuyers = 6,
        ThroughputTime = TimeSpan.FromSeconds(2),
        FlashBuyers = 150,
        FlashStock = 10,
        ChaosBuyers = 6,
        ChaosTime = TimeSpan.FromSeconds(6),
        KillInstanceAfter = TimeSpan.FromSeconds(1.5),
        KillWorkerAfter = TimeSpan.FromSeconds(3),
        WalkAwayShare = 0,
        CancelShare = 0.1,
        DeclinedFirstShare = 0.1,
        PlentifulSkus = 4,
        ScarceSkus = 2,
        ScarceStock = 12,
        LowStockThreshold = 3,
        SettleTimeout = TimeSpan.FromSeconds(45),
    };
}
