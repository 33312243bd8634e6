using System.Collections.Concurrent;
using System.Diagnostics;

using Amazon.S3.Model;

using Jamcart.Checkout.Storage;
using Jamcart.Site;
using Jamcart.Storage;
using Jamcart.Testing;

using Npgsql;

using Shouldly;

namespace Jamcart.Worker.Tests;

public sealed class RebuildWorkerTests(PostgresServer postgres, S3Server s3)
{
    private const string OutOfStock = "\"availability\":\"https://schema.org/OutOfStock\"";
    private const string InStock = "\"availability\":\"https://schema.org/InStock\"";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task buying_the_last_unit_publishes_a_sold_out_page_to_the_folder_and_a_refund_brings_it_back()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("CUP-001", 1), ("TEA-001", 20));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        await using var worker = shop.StartWorker(new FolderTarget(shop.PublishedRoot));
        var page = Path.Combine(shop.PublishedRoot, "products", "cup-001", "index.html");
        await Eventually.HoldsAsync(() => File.Exists(page) && File.ReadAllText(page).Contains(InStock), "the first publish");

        var order = await buyer.BuyAsync("CUP-001");

        await Eventually.HoldsAsync(() => File.ReadAllText(page).Contains(OutOfStock), "the sold-out page");
        File.ReadAllText(page).ShouldContain("품절");
        // One publish writes its files side by side, so the catalog may land just after the page.
        await Eventually.HoldsAsync(
            () => File.ReadAllText(Path.Combine(shop.PublishedRoot, "catalog.json")).Contains("\"availability\":\"sold_out\"", StringComparison.Ordinal),
            "the sold-out catalog");
        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "the outbox to be done");

        await buyer.RefundAsync(order.Id);

        await Eventually.HoldsAsync(() => File.ReadAllText(page).Contains(InStock), "the page back in stock");
    }

    [Fact]
    public async Task buying_the_last_unit_publishes_a_sold_out_page_to_the_bucket_and_a_refund_brings_it_back()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("CUP-001", 1), ("TEA-001", 20));
        await using var buyer = await Buyer.StartAsync(shop.Store);
        var bucket = await s3.CreateBucketAsync();
        using var target = new S3Target(BucketAt(s3.Endpoint, bucket));
        await using var worker = shop.StartWorker(target);
        await Eventually.HoldsAsync(async () => (await ObjectAsync(bucket, "products/cup-001/index.html"))?.Contains(InStock) == true, "the first publish");

        var order = await buyer.BuyAsync("CUP-001");

        await Eventually.HoldsAsync(async () => (await ObjectAsync(bucket, "products/cup-001/index.html"))?.Contains(OutOfStock) == true, "the sold-out page in the bucket");
        await Eventually.HoldsAsync(
            async () => (await ObjectAsync(bucket, "catalog.json"))?.Contains("\"availability\":\"sold_out\"", StringComparison.Ordinal) == true,
            "the sold-out catalog in the bucket");

        await buyer.RefundAsync(order.Id);

        await Eventually.HoldsAsync(async () => (await ObjectAsync(bucket, "products/cup-001/index.html"))?.Contains(InStock) == true, "the page back in stock");
    }

    [Fact]
    public async Task entries_another_worker_finished_during_the_debounce_are_left_and_the_worker_carries_on()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("CUP-001", 5), ("TEA-001", 20));
        var (store, other) = DoneByAnotherWorker.Around(shop.Store);
        await using var worker = shop.StartWorker(new FolderTarget(shop.PublishedRoot), store: store);
        var page = Path.Combine(shop.PublishedRoot, "products", "tea-001", "index.html");
        await Eventually.HoldsAsync(() => File.Exists(page), "the first publish");

        (await shop.SellAsync("CUP-001")).ShouldBeTrue();
        await other.Interfered.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // A failure would show until the worker's restart publishes again, a lease retry (200 ms) later at the least.
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < WorkerShop.Pacing.MaxDelay * 3)
        {
            worker.Status.LastError.ShouldBeNull();
            await Task.Delay(5, Ct);
        }

        worker.Status.Active.ShouldBeTrue();
        (await shop.SellAsync("TEA-001", 20)).ShouldBeTrue();
        await Eventually.HoldsAsync(() => File.ReadAllText(page).Contains(OutOfStock), "the next sale's page");
        worker.Status.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task a_thousand_concurrent_sales_cause_a_handful_of_rebuilds_and_end_as_the_database_says()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("TEA-001", 1002), ("TEA-002", 50));
        var reports = new ConcurrentQueue<RebuildReport>();
        await using var worker = shop.StartWorker(new FolderTarget(shop.PublishedRoot), reports.Enqueue);
        await Eventually.HoldsAsync(() => worker.Status.Publishes > 0, "the first publish");

        var sold = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => shop.SellAsync("TEA-001"), Ct)));

        sold.ShouldAllBe(ok => ok);
        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "every sale to be done");
        (await shop.AvailableAsync("TEA-001")).ShouldBe(2);
        var page = File.ReadAllText(Path.Combine(shop.PublishedRoot, "products", "tea-001", "index.html"));
        File.ReadAllText(Path.Combine(shop.PublishedRoot, "catalog.json")).ShouldContain("\"lowCount\":2");
        page.ShouldContain(InStock);
        reports.Sum(r => r.Entries).ShouldBe(1000);
        reports.Count.ShouldBeLessThan(100, "a burst is coalesced");
        reports.Count(r => r.Build.Rendered > 0).ShouldBe(1, "one state change (in stock to 2 left), one render");
    }

    [Fact]
    public async Task a_worker_killed_mid_publish_leaves_every_file_whole_and_the_next_start_finishes_the_work()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("CUP-001", 1), ("TEA-001", 20));
        await using (var first = shop.StartWorker(new FolderTarget(shop.PublishedRoot)))
        {
            await Eventually.HoldsAsync(() => first.Status.Publishes > 0, "the first publish");
        }

        var before = Snapshot(shop.PublishedRoot);
        var stalling = new StallingTarget(shop.PublishedRoot, writesBeforeStall: 1);
        var dying = shop.StartWorker(stalling);
        await shop.SellAsync("CUP-001");
        await Eventually.HoldsAsync(() => stalling.Stalled, "the publish to stall half-way");
        await dying.DisposeAsync();

        var after = Snapshot(shop.PublishedRoot);
        var rendered = Snapshot(shop.OutputRoot);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.Where(file => file.Value != before[file.Key]).ShouldAllBe(file => file.Value == rendered[file.Key], "a file is the old one or the new one");
        after.Count(file => file.Value != before[file.Key]).ShouldBe(1);
        (await shop.PendingAsync()).ShouldBe(1, "the sale is not done before its publish");

        await using var next = shop.StartWorker(new FolderTarget(shop.PublishedRoot));

        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "the next start to finish");
        Snapshot(shop.PublishedRoot).ShouldBe(Snapshot(shop.OutputRoot));
        File.ReadAllText(Path.Combine(shop.PublishedRoot, "products", "cup-001", "index.html")).ShouldContain(OutOfStock);
    }

    [Fact]
    public async Task two_workers_on_postgres_never_publish_at_once_and_the_standby_takes_over_within_seconds_when_the_active_one_dies()
    {
        await using var shop = await WorkerShop.CreateAsync(await postgres.CreateDatabaseAsync(), ("CUP-001", 3), ("TEA-001", 20));
        await using var otherHost = await CheckoutDatabase.OpenAsync(shop.ConnectionString, TimeProvider.System, cancellationToken: Ct);
        var guard = new OnePublisher();
        var first = shop.StartWorker(new GuardedTarget(new FolderTarget(shop.PublishedRoot), guard, "first"), lease: new LeaseThatDiesWithItsHost(shop.Database.CreateLease("jamcart-rebuild")));
        await Eventually.HoldsAsync(() => first.Status.Active && first.Status.Publishes > 0, "the first worker to lead");
        await using var second = shop.StartWorker(new GuardedTarget(new FolderTarget(shop.PublishedRoot), guard, "second"),
            outputRoot: Path.Combine(shop.Root, "second"), database: otherHost);

        await shop.SellAsync("CUP-001");
        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "the first sale to be published");
        second.Status.Active.ShouldBeFalse();

        // The active host dies: its loop stops and the server ends its session, never releasing the lock itself.
        await first.DisposeAsync();
        await TerminateLeaseSessionsAsync(shop.ConnectionString);
        var died = DateTime.UtcNow;
        await shop.SellAsync("CUP-001");
        await shop.SellAsync("CUP-001");

        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0 && second.Status.Active, "the standby to take over");
        (DateTime.UtcNow - died).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        File.ReadAllText(Path.Combine(shop.PublishedRoot, "products", "cup-001", "index.html")).ShouldContain(OutOfStock);
        guard.Publishers.ShouldBe(["first", "second"], ignoreOrder: true);
        guard.Overlaps.ShouldBe(0);
    }

    [Fact]
    public async Task a_publish_to_an_unreachable_bucket_is_retried_and_reported_and_loses_nothing()
    {
        await using var shop = await WorkerShop.CreateAsync(null, ("CUP-001", 1), ("TEA-001", 20));
        var port = LoopbackPort.Free();
        var bucket = "shop-" + Guid.NewGuid().ToString("N")[..12];
        using var target = new S3Target(BucketAt(new Uri($"http://127.0.0.1:{port}/"), bucket));
        await using var worker = shop.StartWorker(target);
        await shop.SellAsync("CUP-001");

        await Eventually.HoldsAsync(() => worker.Status.LastError?.Contains(bucket, StringComparison.Ordinal) == true, "the failure to be reported");
        (await shop.PendingAsync()).ShouldBe(1);

        await using var back = await S3Server.StartOnAsync(port);
        using (var client = back.Client())
        {
            await client.PutBucketAsync(bucket, Ct);
        }

        using var reader = new S3Reader(back, bucket);
        await Eventually.HoldsAsync(async () => await shop.PendingAsync() == 0, "the retried publish to succeed");
        (await reader.ReadAsync("products/cup-001/index.html"))!.ShouldContain(OutOfStock);
        worker.Status.LastError.ShouldBeNull();
    }

    private static S3TargetOptions BucketAt(Uri endpoint, string bucket) => new()
    {
        Bucket = bucket,
        Endpoint = endpoint,
        PathStyle = true,
        AccessKey = S3Server.AccessKey,
        SecretKey = S3Server.SecretKey,
        MaxErrorRetry = 0,
        Timeout = TimeSpan.FromSeconds(2),
    };

    private async Task<string?> ObjectAsync(string bucket, string key)
    {
        using var reader = new S3Reader(s3, bucket);
        return await reader.ReadAsync(key);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);

    private static async Task TerminateLeaseSessionsAsync(string connectionString)
    {
        await using var admin = new NpgsqlConnection(connectionString + ";Pooling=false");
        await admin.OpenAsync(Ct);
        // Only this test's database: other test classes hold leases on the same server at the same time.
        await using var kill = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
        await kill.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Reads objects back from a bucket; null for one it does not hold.</summary>
    private sealed class S3Reader(S3Server server, string bucket) : IDisposable
    {
        private readonly Amazon.S3.AmazonS3Client _client = server.Client();

        public async Task<string?> ReadAsync(string key)
        {
            try
            {
                using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, Ct);
                using var text = new StreamReader(response.ResponseStream);
                return await text.ReadToEndAsync(Ct);
            }
            catch (Amazon.S3.AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or Amazon.Runtime.AmazonClientException or ArgumentOutOfRangeException)
            {
                // s3rver writes objects and their metadata in place: a read racing an upload can be cut short, end with
                // bytes that do not match the checksum the server sent, or meet a half-written ETag that the SDK cannot
                // parse (ArgumentOutOfRangeException from its hex decoder). Read again later.
                return null;
            }
        }

        public void Dispose() => _client.Dispose();
    }

    /// <summary>Records who publishes when, and counts two publishes at once.</summary>
    private sealed class OnePublisher
    {
        private int _running;

        public ConcurrentBag<string> PublishersSeen { get; } = [];
        public string[] Publishers => [.. PublishersSeen.Distinct()];
        public int Overlaps { get; private set; }

        public async Task<PublishResult> RunAsync(string who, Func<Task<PublishResult>> publish)
        {
            if (Interlocked.Increment(ref _running) > 1)
            {
                Overlaps++;
            }

            PublishersSeen.Add(who);
            try
            {
                // Long enough that two publishers racing would meet here.
                await Task.Delay(20, Ct);
                return await publish();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private sealed class GuardedTarget(IPublishTarget inner, OnePublisher guard, string who) : IPublishTarget
    {
        public string Description => inner.Description;

        public Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken) =>
            guard.RunAsync(who, () => inner.PublishAsync(request, cancellationToken));
    }

    /// <summary>A lease whose holder dies: it never gets to release it; only the server ending its session does.</summary>
    private sealed class LeaseThatDiesWithItsHost(IWorkerLease inner) : IWorkerLease
    {
        public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) => inner.TryAcquireAsync(cancellationToken);

        public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => inner.IsHeldAsync(cancellationToken);

        public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A folder target that writes some files, then hangs until the worker is killed: a publish cut half-way.</summary>
    private sealed class StallingTarget(string root, int writesBeforeStall) : ManifestPublishTarget(null, "")
    {
        private readonly FolderTarget _folder = new(root);
        private int _writes;

        public bool Stalled { get; private set; }

        public override string Description => "a folder that stalls";

        protected override Task<byte[]?> ReadManifestAsync(CancellationToken cancellationToken)
        {
            var path = Path.Combine(Path.GetDirectoryName(root)!, $".{Path.GetFileName(root)}.jamcart", "publish.json");
            return Task.FromResult(File.Exists(path) ? File.ReadAllBytes(path) : null);
        }

        protected override Task WriteManifestAsync(byte[] bytes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a stalled publish never gets this far");

        protected override async Task WriteAsync(string path, byte[] bytes, string contentType, string cacheControl, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _writes) > writesBeforeStall)
            {
                Stalled = true;
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            AtomicFile.Write(Path.Combine(root, path), bytes);
        }

        protected override Task DeleteAsync(string path, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override int Parallelism => 1;
    }
}
