using Jamcart.Checkout.Idempotency;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    private static readonly IdempotencyKey Key = new("POST /api/checkout", "key-1");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private IIdempotencyStore Idempotency => Database.Idempotency;

    private Task<IdempotencyClaim> ClaimAsync(string hash = "hash-a", IdempotencyKey? key = null) =>
        Idempotency.TryClaimAsync(key ?? Key, hash, Now, Lease, Retention, Ct);

    [Fact]
    public async Task a_new_key_is_claimed_and_then_in_progress()
    {
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Claimed>();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();
    }

    [Fact]
    public async Task a_completed_request_replays_its_exact_answer()
    {
        byte[] body = [0x7B, 0x00, 0xFF, 0xFE, 0x0A, 0x22, 0xF0, 0x9F, 0x8D, 0xB5, 0x7D];
        await ClaimAsync();
        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json; charset=utf-8", body), Now, Ct);

        var replay = (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();

        replay.Response.StatusCode.ShouldBe(201);
        replay.Response.ContentType.ShouldBe("application/json; charset=utf-8");
        replay.Response.Body.ToArray().ShouldBe(body);
    }

    [Fact]
    public async Task the_database_keeps_neither_the_key_nor_the_answer_as_sent()
    {
        var key = new IdempotencyKey("POST /api/checkout", "6f1c1c4e-2b1d-4d0e-9a55-6d9a3b0e7c21");
        var body = "{\"orderId\":\"ord_1\",\"orderToken\":\"tok_secret_value\",\"clientSecret\":\"pi_1_secret_abc\"}"u8.ToArray();
        await ClaimAsync(key: key);
        await Idempotency.CompleteAsync(key, new StoredResponse(201, "application/json", body), Now, Ct);
        var refusal = new IdempotencyKey("POST /api/checkout", "another-random-key-0123456789");
        await Idempotency.TryStoreAnswerAsync(new DeferredClaim(refusal, "hash-a", Now, Now + Lease), new StoredResponse(409, "application/problem+json", body), Now, Ct);

        var rows = await RowsAsync("SELECT idempotency_key, body FROM idempotency_records");

        rows.Count.ShouldBe(2);
        foreach (var row in rows)
        {
            var storedKey = (string)row[0]!;
            storedKey.ShouldNotContain(key.Key);
            storedKey.ShouldNotContain(refusal.Key);
            var storedBody = (byte[])row[1]!;
            System.Text.Encoding.UTF8.GetString(storedBody).ShouldNotContain("tok_secret_value");
            storedBody.AsSpan().IndexOf(body).ShouldBe(-1);
        }

        (await ClaimAsync(key: key)).ShouldBeOfType<IdempotencyClaim.Replay>().Response.Body.ToArray().ShouldBe(body);
        (await ClaimAsync(key: refusal)).ShouldBeOfType<IdempotencyClaim.Replay>().Response.Body.ToArray().ShouldBe(body);
    }

    [Fact]
    public async Task a_stored_answer_that_was_changed_in_the_database_is_never_replayed()
    {
        await ClaimAsync();
        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json", "{\"orderId\":\"ord_1\"}"u8.ToArray()), Now, Ct);
        var stored = (byte[])(await RowsAsync("SELECT body FROM idempotency_records"))[0][0]!;
        stored[^1] ^= 1;
        await RowsAsync("UPDATE idempotency_records SET body = @body", ("body", stored));

        await Should.ThrowAsync<System.Security.Cryptography.CryptographicException>(() => ClaimAsync());
    }

    [Fact]
    public async Task an_answer_with_an_empty_body_replays_empty()
    {
        await ClaimAsync();
        await Idempotency.CompleteAsync(Key, new StoredResponse(204, "", ReadOnlyMemory<byte>.Empty), Now, Ct);

        var replay = (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();

        replay.Response.StatusCode.ShouldBe(204);
        replay.Response.Body.Length.ShouldBe(0);
    }

    [Fact]
    public async Task a_claim_whose_lease_ran_out_is_claimed_again()
    {
        await ClaimAsync();
        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();

        Time.Advance(TimeSpan.FromSeconds(1));

        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Claimed>();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_reused()
    {
        await ClaimAsync("hash-a");
        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.KeyReused>();

        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now, Ct);
        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.KeyReused>();
    }

    [Fact]
    public async Task a_record_older_than_the_retention_counts_as_absent()
    {
        await ClaimAsync("hash-a");
        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now, Ct);
        Time.Advance(Retention + TimeSpan.FromSeconds(1));

        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.Claimed>();
        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.InProgress>();
        (await ClaimAsync("hash-a")).ShouldBeOfType<IdempotencyClaim.KeyReused>();
    }

    [Fact]
    public async Task a_released_claim_lets_the_key_run_again()
    {
        await ClaimAsync();
        await Idempotency.ReleaseAsync(Key, Ct);

        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task releasing_a_completed_key_keeps_its_answer()
    {
        await ClaimAsync();
        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now, Ct);
        await Idempotency.ReleaseAsync(Key, Ct);

        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();
    }

    [Fact]
    public async Task purge_deletes_only_records_created_before_the_cutoff()
    {
        await ClaimAsync(key: Key with { Key = "old-1" });
        await ClaimAsync(key: Key with { Key = "old-2" });
        Time.Advance(TimeSpan.FromHours(2));
        await ClaimAsync(key: Key with { Key = "new" });

        (await Idempotency.PurgeAsync(Now.AddHours(-1), Ct)).ShouldBe(2);

        (await ClaimAsync(key: Key with { Key = "old-1" })).ShouldBeOfType<IdempotencyClaim.Claimed>();
        (await ClaimAsync(key: Key with { Key = "new" })).ShouldBeOfType<IdempotencyClaim.InProgress>();
    }

    [Fact]
    public async Task the_same_key_in_two_scopes_is_two_keys()
    {
        await ClaimAsync();

        (await ClaimAsync("hash-b", Key with { Scope = "POST /api/admin/orders/{orderId}/refund" })).ShouldBeOfType<IdempotencyClaim.Claimed>();
    }

    [Fact]
    public async Task of_concurrent_claims_of_one_key_exactly_one_wins()
    {
        await using var other = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);
        var stores = new[] { Idempotency, other.Idempotency };

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => stores[i % 2].TryClaimAsync(Key, "hash-a", Now, Lease, Retention, Ct), Ct)));

        claims.Count(claim => claim is IdempotencyClaim.Claimed).ShouldBe(1);
        claims.Count(claim => claim is IdempotencyClaim.InProgress).ShouldBe(19);
    }

    [Fact]
    public async Task of_concurrent_takeovers_of_an_expired_lease_exactly_one_wins()
    {
        await ClaimAsync();
        Time.Advance(Lease);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => ClaimAsync(), Ct)));

        claims.Count(claim => claim is IdempotencyClaim.Claimed).ShouldBe(1);
    }
}
