using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>An <c>Idempotency-Key</c> claimed by the request's first write transaction (<see cref="DeferredClaim"/>).</summary>
public abstract partial class CheckoutStoreContract
{
    private DeferredClaim Deferred(string hash = "hash-a", IdempotencyKey? key = null) => new(key ?? Key, hash, Now, Now + Lease);

    [Fact]
    public async Task a_deferred_claim_is_made_by_the_first_transaction_and_holds_once_it_commits()
    {
        var claim = Deferred();
        using (claim.Enter())
        {
            await using var transaction = await Store.BeginAsync(Ct);
            claim.Made.ShouldBeFalse();
            await transaction.CommitAsync(Ct);
            claim.Made.ShouldBeTrue();
            DeferredClaim.Pending.ShouldBeNull("a later transaction of the request claims nothing again");
            await using var later = await Store.BeginAsync(Ct);
            await later.CommitAsync(Ct);
        }

        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();
        await Idempotency.CompleteAsync(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now, Ct);
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();
    }

    [Fact]
    public async Task a_deferred_claim_goes_with_a_transaction_that_rolls_back()
    {
        await SeedAsync(("TEA-1", 5));
        var claim = Deferred();
        using (claim.Enter())
        {
            await using (var transaction = await Store.BeginAsync(Ct))
            {
                (await transaction.TryReserveAsync("TEA-1", 2, Ct)).ShouldBeTrue();
            }

            claim.Made.ShouldBeFalse();
            DeferredClaim.Pending.ShouldBe(claim, "the next transaction claims the key instead");
        }

        DeferredClaim.Pending.ShouldBeNull();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Claimed>();
        (await CountersAsync("TEA-1"))!.Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task a_transaction_finding_its_deferred_key_taken_writes_nothing()
    {
        await SeedAsync(("TEA-1", 5));
        await ClaimAsync();
        var claim = Deferred("hash-b");

        using (claim.Enter())
        {
            await using var refused = await Store.BeginAsync(Ct);
            var taken = await Should.ThrowAsync<IdempotencyKeyTakenException>(() => refused.TryReserveAsync("TEA-1", 1, Ct));
            taken.Key.ShouldBe(Key);
        }

        claim.Made.ShouldBeFalse();
        await using var transaction = await Store.BeginAsync(Ct);
        (await transaction.TryReserveAsync("TEA-1", 5, Ct)).ShouldBeTrue("the refused transaction left the write lock and the stock alone");
    }

    [Fact]
    public async Task of_concurrent_deferred_claims_of_one_key_exactly_one_transaction_commits()
    {
        await SeedAsync(("TEA-1", 50));
        await using var other = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);
        var stores = new ICheckoutStore[] { Store, other.Store };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            async () =>
            {
                var claim = Deferred();
                using var scope = claim.Enter();
                try
                {
                    await using var transaction = await stores[i % 2].BeginAsync(Ct);
                    (await transaction.TryReserveAsync("TEA-1", 1, Ct)).ShouldBeTrue();
                    await transaction.CommitAsync(Ct);
                    return claim.Made;
                }
                catch (IdempotencyKeyTakenException)
                {
                    return false;
                }
            },
            Ct)));

        outcomes.Count(made => made).ShouldBe(1);
        (await CountersAsync("TEA-1"))!.Reserved.ShouldBe(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task a_key_taken_over_after_its_lease_ran_out_names_the_order_its_claiming_write_placed(int skus)
    {
        (string Sku, int Quantity)[] lines = [.. Enumerable.Range(1, skus).Select(i => ($"TEA-{i}", 1))];
        await SeedAsync([.. lines.Select(line => (line.Sku, 5L))]);
        var order = TestOrders.Pending(Now, lines);
        using (Deferred().Enter())
        {
            // The quick path: on PostgreSQL one statement for one SKU, a transaction's batch otherwise.
            (await Store.TryPlaceOrderAsync(order, Ct)).ShouldBeTrue();
        }

        Time.Advance(Lease);

        (await ClaimAsync()).ShouldBe(new IdempotencyClaim.Claimed(order.Id));
        Time.Advance(Lease);
        (await ClaimAsync()).ShouldBe(new IdempotencyClaim.Claimed(order.Id), "named until the key is answered, should the retry die too");
    }

    [Fact]
    public async Task a_key_claimed_before_its_order_had_a_row_names_the_order_once_inserted()
    {
        await SeedAsync(("TEA-1", 5));
        Order order;
        using (Deferred().Enter())
        {
            // Line by line: the first reservation makes the claim, the order's row comes after it.
            order = await PlaceOrderAsync(("TEA-1", 2));
        }

        Time.Advance(Lease);

        (await ClaimAsync()).ShouldBe(new IdempotencyClaim.Claimed(order.Id));
    }

    [Fact]
    public async Task a_key_taken_over_after_its_retention_names_no_order()
    {
        await SeedAsync(("TEA-1", 5));
        using (Deferred().Enter())
        {
            await PlaceOrderAsync(("TEA-1", 2));
        }

        Time.Advance(TimeSpan.FromDays(1));

        (await ClaimAsync()).ShouldBe(new IdempotencyClaim.Claimed());
    }

    [Fact]
    public async Task an_answer_refused_before_any_write_is_stored_once_in_one_write()
    {
        var answer = new StoredResponse(409, "application/problem+json", "{\"type\":\"out-of-stock\"}"u8.ToArray());

        (await Idempotency.TryStoreAnswerAsync(Deferred(), answer, Now, Ct)).ShouldBeTrue();
        (await Idempotency.TryStoreAnswerAsync(Deferred(), new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now, Ct)).ShouldBeFalse();

        var replay = (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();
        (replay.Response.StatusCode, replay.Response.ContentType).ShouldBe((409, "application/problem+json"));
        replay.Response.Body.ToArray().ShouldBe(answer.Body.ToArray());
        (await ClaimAsync("hash-b")).ShouldBeOfType<IdempotencyClaim.KeyReused>();
    }

    [Fact]
    public async Task an_answer_refused_before_any_write_loses_to_a_claim_made_meanwhile()
    {
        await ClaimAsync();

        (await Idempotency.TryStoreAnswerAsync(Deferred(), new StoredResponse(409, "application/problem+json", "{}"u8.ToArray()), Now, Ct)).ShouldBeFalse();

        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();
    }

    [Fact]
    public async Task an_order_written_with_a_completion_stores_its_answer_in_the_same_commit()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        await ClaimAsync();
        var answer = new StoredResponse(201, "application/json", "{\"orderId\":1}"u8.ToArray());
        var completion = new IdempotencyCompletion(Key, answer, Now);

        (await Store.TryUpdateOrderAsync(order with { PaymentId = "pi_with_answer", UpdatedAt = Now }, completion, Ct)).ShouldBeTrue();

        completion.Stored.ShouldBeTrue();
        (await Store.GetOrderAsync(order.Id, Ct))!.PaymentId.ShouldBe("pi_with_answer");
        var replay = (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Replay>();
        replay.Response.Body.ToArray().ShouldBe(answer.Body.ToArray());
    }

    [Fact]
    public async Task an_order_written_over_another_version_keeps_neither_it_nor_the_answer()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        await ClaimAsync();
        var completion = new IdempotencyCompletion(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now);

        (await Store.TryUpdateOrderAsync(order with { Version = order.Version + 1, PaymentId = "pi_stale" }, completion, Ct)).ShouldBeFalse();

        completion.Stored.ShouldBeFalse();
        (await Store.GetOrderAsync(order.Id, Ct))!.PaymentId.ShouldBeNull();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>("the claim is still the request's to end");
    }

    [Fact]
    public async Task an_order_written_with_the_completion_of_a_claim_no_longer_held_is_written_and_the_answer_left_out()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        await ClaimAsync();
        await Idempotency.ReleaseAsync(Key, Ct);
        var completion = new IdempotencyCompletion(Key, new StoredResponse(201, "application/json", "{}"u8.ToArray()), Now);

        (await Store.TryUpdateOrderAsync(order with { PaymentId = "pi_unclaimed" }, completion, Ct)).ShouldBeTrue();

        completion.Stored.ShouldBeFalse();
        (await Store.GetOrderAsync(order.Id, Ct))!.PaymentId.ShouldBe("pi_unclaimed");
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.Claimed>("no answer was stored for a key nobody held");
    }
}
