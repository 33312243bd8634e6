using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>A buyer's checkout as sent: SKUs and quantities only (any price in the request is never read), contact and address.</summary>
/// <param name="Shipping">
/// Required when the store sells physical goods (<c>shipping:</c> in <c>jamcart.yml</c>, the default); otherwise ignored.
/// </param>
/// <param name="Locale">One of the store's locales; left out or unknown, the store's default.</param>
public sealed record PlaceOrderCommand(IReadOnlyList<CartItemInput>? Items, string? Email, ShippingInput? Shipping, string? Locale);

// Its members are nullable because a request may leave anything out; the summaries here are the OpenAPI document's
// descriptions, so they speak of the request, not of C# types.

/// <summary>One line of a checkout: a SKU and how many of it.</summary>
public sealed record CartItemInput(string? Sku, long? Quantity);

/// <summary>The shipping address of a checkout as sent.</summary>
/// <param name="PostalCode">Required when the country uses postal codes.</param>
/// <param name="Country">An ISO 3166-1 alpha-2 code.</param>
public sealed record ShippingInput(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

/// <summary>A new order with its stock reserved and its payment created, and the token that alone opens it (shown once).</summary>
public sealed record PlacedOrder(Order Order, string OrderToken);

/// <summary>What <see cref="PlaceOrder.PlaceAsync"/> came to: the order placed, or the stock it found short (never both).</summary>
public sealed record PlaceOrderOutcome(PlacedOrder? Placed, OutOfStockException? OutOfStock)
{
    /// <summary>The order placed, or the refusal thrown.</summary>
    internal PlacedOrder PlacedOrThrow() => Placed ?? throw OutOfStock!;
}

/// <summary>
/// <c>POST /api/checkout</c>: prices the cart from the catalog, reserves every line at once, creates the payment for
/// exactly the order's total (I1), and hands back what the browser needs to pay.
/// </summary>
/// <remarks>
/// Steps, each of which the next reconciliation run can finish if the process dies after it: (1) reserve and insert
/// the order in one transaction, due for reconciliation after <see cref="CheckoutOptions.PaymentCreationGrace"/>;
/// (2) create the payment with a key derived from the order; (3) attach the payment to the order, in the commit that
/// stores the request's answer when it has an <c>Idempotency-Key</c>. A provider that fails or refuses at (2) leaves
/// no order in view and nothing reserved.
/// </remarks>
public sealed partial class PlaceOrder(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, CheckoutOptions options, ILogger<PlaceOrder> logger)
{
    internal const string ProviderUnavailableReason = "Withdrawn: the payment provider was unavailable when the order was placed.";

    /// <exception cref="InvalidRequestException">The request breaks the API's rules; every problem is listed.</exception>
    /// <exception cref="UnknownSkuException">A SKU is not for sale (or the catalog was never synced).</exception>
    /// <exception cref="OutOfStockException">A line cannot be reserved; nothing was.</exception>
    /// <exception cref="AmountOutOfRangeException">The total is 0 or too large for a long, or the provider does not accept it (its size, its steps or its currency); nothing was kept.</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider failed; nothing was kept, and a retry is safe.</exception>
    public async Task<PlacedOrder> HandleAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        return (await PlaceAsync(command, ct)).PlacedOrThrow();
    }

    /// <summary>
    /// <see cref="HandleAsync"/>, with a cart its stock cannot cover handed back in the outcome instead of thrown (a line
    /// that cannot be reserved; nothing was). In a sale that has sold out that is nearly every request, and an
    /// exception thrown up through each awaiting method cost about a fifth of a refusal's CPU (docs/benchmarks.md).
    /// </summary>
    /// <exception cref="InvalidRequestException">The request breaks the API's rules; every problem is listed.</exception>
    /// <exception cref="UnknownSkuException">A SKU is not for sale (or the catalog was never synced).</exception>
    /// <exception cref="AmountOutOfRangeException">The total is 0 or too large for a long, or the provider does not accept it (its size, its steps or its currency); nothing was kept.</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider failed; nothing was kept, and a retry is safe.</exception>
    public async Task<PlaceOrderOutcome> PlaceAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        if (AbandonedAttempt.OrderId is { } abandoned && await ResumableAsync(abandoned, ct) is { } resumed)
        {
            // The buyer never got the dead attempt's answer, so never its token: a new one opens the order.
            var newToken = OrderIds.NewToken();
            return new PlaceOrderOutcome(await PayAsync(resumed with { TokenHash = OrderIds.HashToken(newToken) }, newToken, ct), null);
        }

        var reserved = await ReserveOrRefuseAsync(command, ct);
        if (reserved.Placed is not { } placed)
        {
            return reserved;
        }

        return new PlaceOrderOutcome(await PayAsync(placed.Order, placed.OrderToken, ct), null);
    }

    /// <summary>
    /// The order an earlier attempt of this request placed before its process died, if it can still be finished: still
    /// waiting for its payment to be attached, its stock still held. Null when reconciliation (or the attempt itself)
    /// ended it meanwhile: the request is then placed again like a new one.
    /// </summary>
    private async Task<Order?> ResumableAsync(string orderId, CancellationToken ct)
    {
        var order = await store.GetOrderAsync(orderId, ct);
        return order is { Status: OrderStatus.PendingPayment, PaymentId: null } && order.ReservedUntil > time.StoreNow() ? order : null;
    }

    /// <summary>
    /// Steps (2) and (3) for an order whose stock is reserved: creates its payment with the key derived from the order
    /// (so a payment an earlier, dead attempt created is found, not made twice) and attaches it.
    /// </summary>
    private async Task<PlacedOrder> PayAsync(Order order, string token, CancellationToken ct)
    {
        ProviderPayment payment;
        try
        {
            payment = await provider.CreateAsync(PaymentKeys.CreateRequest(order), ct);
        }
        catch (PaymentProviderUnavailableException)
        {
            await WithdrawAsync(order.Id, ProviderUnavailableReason, ct);
            throw;
        }
        catch (PaymentRequestRejectedException rejected)
        {
            await WithdrawAsync(order.Id, $"Withdrawn: the payment provider refused the payment ({rejected.Code}).", ct);
            if (AmountOutOfRange(rejected, order) is { } outOfRange)
            {
                throw outOfRange;
            }

            throw;
        }

        var attached = WithPayment(order, payment, time.StoreNow());

        // With an Idempotency-Key claimed by the reservation's commit, the attachment waits for the answer, so that
        // one commit stores both; the buyer gets the answer only after it.
        if (!DeferredClaim.TryHoldLastWrite((completion, writeCt) => AttachPaymentAsync(attached, payment, completion, writeCt)))
        {
            await AttachPaymentAsync(attached, payment, null, ct);
        }

        return new PlacedOrder(attached with { Version = attached.Version + 1 }, token);
    }

    /// <summary>Step (1) alone, with a cart its stock cannot cover thrown as <see cref="OutOfStockException"/>.</summary>
    internal async Task<PlacedOrder> ReserveAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        return (await ReserveOrRefuseAsync(command, ct)).PlacedOrThrow();
    }

    /// <summary>
    /// Step (1): validates and prices the request, then reserves its stock and inserts the order, due for
    /// reconciliation once <see cref="CheckoutOptions.PaymentCreationGrace"/> has passed without a payment.
    /// </summary>
    private async Task<PlaceOrderOutcome> ReserveOrRefuseAsync(PlaceOrderCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);

        // The settings (which validation needs) and the prices in one read, before validation: every SKU the request
        // names that can be one, and at most one more than an order may hold (a request naming more is refused).
        var named = (command.Items ?? []).Select(item => item?.Sku).Where(Sku.IsValid).OfType<string>()
            .Distinct(StringComparer.Ordinal).Take(options.MaxLines + 1).ToList();
        var catalog = await store.GetPricesAsync(named, time.StoreNow(), ct);
        var settings = catalog.Settings;
        var request = Validate(command, settings, options);
        if (settings is null)
        {
            // Nothing was ever synced, so nothing is for sale.
            throw new UnknownSkuException(request.Items[0].Sku);
        }

        var priced = Price(request, settings, catalog.Sellable);
        if (priced.Total.Minor < 1)
        {
            // Free products alone, with free shipping. No card payment is made of nothing, and providers do not say so
            // alike (Stripe refuses an amount below 1 as malformed, naming no minimum), so it is refused here, before
            // any stock is held or the provider asked.
            throw new AmountOutOfRangeException($"An order total of {priced.Total} cannot be paid by card; nothing was kept.", null, null);
        }

        if (await RefusalBeforeWritingAsync(priced, catalog, ct) is { } refusal)
        {
            return new PlaceOrderOutcome(null, refusal);
        }

        var token = OrderIds.NewToken();
        var order = NewOrder(request, priced, token);
        try
        {
            await StoreRetry.RunAsync(() => InsertReservedAsync(order, ct));
        }
        catch (OutOfStockException lostRace)
        {
            // Stock the read saw went to another request before this one's turn to write: rare, so thrown there.
            return new PlaceOrderOutcome(null, lostRace);
        }

        return new PlaceOrderOutcome(new PlacedOrder(order, token), null);
    }

    /// <summary>
    /// The refusal of a line its SKU's stock cannot cover, found without taking a turn to write, which in a sale that
    /// has sold out is most requests; null when every line may be covered. The counters read with the prices can only say too little (reservations that ran out count
    /// until a write releases them), so a line they cannot cover is checked against the running reservations before
    /// it is refused: read with the prices where the counters leave nothing (a sold-out sale's refusals need no
    /// other read), read now for the rest. Stock freed after these reads is found by the next request, as if this
    /// one had come earlier; whatever these reads allow is decided again by the reserving write.
    /// </summary>
    private async Task<OutOfStockException?> RefusalBeforeWritingAsync(PricedCart priced, CatalogPrices catalog, CancellationToken ct)
    {
        var shortLines = priced.Lines.Where(line => catalog.Unreserved.TryGetValue(line.Sku, out var units) && units < line.Quantity).ToList();
        if (shortLines.Count == 0)
        {
            return null;
        }

        var unread = shortLines.Select(line => line.Sku).Where(sku => !catalog.Running.ContainsKey(sku)).ToList();
        var levels = unread.Count == 0 ? new Dictionary<string, InventoryLevel>() : await store.GetInventoryAsync(unread, time.StoreNow(), ct);
        foreach (var line in shortLines.OrderBy(line => line.Sku, StringComparer.Ordinal))
        {
            var available = catalog.Running.TryGetValue(line.Sku, out var running) ? Math.Max(0, running)
                : levels.TryGetValue(line.Sku, out var level) ? level.Available : 0;
            if (available < line.Quantity)
            {
                return new OutOfStockException(line.Sku, line.Quantity, available);
            }
        }

        return null;
    }

    /// <summary>
    /// The refusals that say the order's total cannot be charged at all, so that the same request would be refused
    /// again: a 4xx the buyer can be shown (<c>amount-out-of-range</c>), not a 500 (nothing is broken in Jamcart) or a
    /// 503 (retrying does not help). An amount between two of the provider's steps (<c>invalid_charge_amount</c>, or
    /// the adapter's <c>amount_not_representable</c>) comes from prices synced before the build checked steps; a
    /// currency the provider does not take (the adapter's <c>currency_not_supported</c>, or Stripe's invalid-currency
    /// refusal, which names the <c>currency</c> parameter) is the store's setting. Neither has a minimum or a maximum
    /// to report. Null for refusals that are not about the order (a reused key, a bug): they stay a 500.
    /// </summary>
    private static AmountOutOfRangeException? AmountOutOfRange(PaymentRequestRejectedException rejected, Order order) => rejected.Code switch
    {
        "amount_too_small" => new AmountOutOfRangeException("The order total is below the smallest amount the payment provider can charge.", rejected.Limit, null),
        "amount_too_large" => new AmountOutOfRangeException("The order total is above the largest amount the payment provider can charge.", null, rejected.Limit),
        "invalid_charge_amount" or "amount_not_representable" =>
            new AmountOutOfRangeException($"The payment provider cannot charge an order total of {order.Total}; nothing was kept.", null, null),
        "currency_not_supported" => CurrencyRefused(order),
        _ when rejected.Param == "currency" => CurrencyRefused(order),
        _ => null,
    };

    private static AmountOutOfRangeException CurrencyRefused(Order order) =>
        new($"The payment provider does not take payments in {order.Currency.Code}; nothing was kept.", null, null);

    private static PricedCart Price(ValidatedOrder request, StoreSettings settings, IReadOnlyDictionary<string, CatalogItem> catalog)
    {
        // The catalog is the only source of prices (I1).
        var lines = new List<CartLine>(request.Items.Count);
        foreach (var item in request.Items)
        {
            if (!catalog.TryGetValue(item.Sku, out var product) || product.Draft)
            {
                throw new UnknownSkuException(item.Sku);
            }

            lines.Add(new CartLine(product.Sku, product.Title, item.Quantity, product.Price));
        }

        try
        {
            return CartPricer.Price(lines, settings.Pricing);
        }
        catch (OverflowException)
        {
            // Twelve-digit prices times a raised MaxQuantity can pass a long of minor units, which is thousands of times
            // any provider's maximum: the buyer's answer is that this cart cannot be paid, not a failure.
            throw new AmountOutOfRangeException("The order total is too large to be counted, let alone charged; nothing was kept.", null, null);
        }
    }

    private Order NewOrder(ValidatedOrder request, PricedCart priced, string token)
    {
        var now = time.StoreNow();
        return new Order
        {
            Id = OrderIds.NewOrderId(now),
            TokenHash = OrderIds.HashToken(token),
            Status = OrderStatus.PendingPayment,
            Lines = [.. priced.Lines.Select(line => new OrderLine(line.Sku, line.Title, line.Quantity, line.UnitPrice))],
            Subtotal = priced.Subtotal,
            Shipping = priced.Shipping,
            Discount = priced.Discount,
            Tax = priced.Tax,
            TaxInclusive = priced.TaxInclusive,
            Total = priced.Total,
            Email = request.Email,
            ShippingAddress = request.Shipping,
            Locale = request.Locale,
            CreatedAt = now,
            UpdatedAt = now,
            ReservedUntil = now + options.ReservationTime,
            PaymentProvider = provider.Name,
            // Due soon: if this process dies before the payment is attached, reconciliation finds and cancels it.
            ReconcileAfter = now + options.PaymentCreationGrace,
        };
    }

    private async Task<bool> InsertReservedAsync(Order order, CancellationToken ct)
    {
        // Almost always the counters cover every line: everything in one write.
        if (await store.TryPlaceOrderAsync(order, ct))
        {
            return true;
        }

        // Some line fell short, and nothing of the order was written: again, line by line, with the reservations
        // that ran out released first.
        var now = time.StoreNow();
        await using var transaction = await store.BeginAsync(ct);

        // Always in the same (ordinal) order, so that two carts sharing SKUs cannot deadlock each other on PostgreSQL.
        foreach (var line in order.Lines.OrderBy(line => line.Sku, StringComparer.Ordinal))
        {
            // Reservations that ran out stop counting here, without waiting for a sweeper. They are looked for only
            // when the counters fall short: until then they change nothing this line could see.
            if (!await transaction.TryReserveAsync(line.Sku, line.Quantity, ct)
                && (await transaction.ReleaseExpiredReservationsAsync(line.Sku, now, ct) == 0
                    || !await transaction.TryReserveAsync(line.Sku, line.Quantity, ct)))
            {
                var level = await transaction.GetInventoryAsync(line.Sku, ct);

                // Disposing without a commit rolls back every line reserved so far: all or nothing.
                throw new OutOfStockException(line.Sku, line.Quantity, level?.Available ?? 0);
            }
        }

        await transaction.InsertOrderAsync(order, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Step (3): attaches the payment, and stores <paramref name="completion"/> with it when the quick path allows.</summary>
    private async Task AttachPaymentAsync(Order attached, ProviderPayment payment, IdempotencyCompletion? completion, CancellationToken ct)
    {
        await StoreRetry.RunAsync(async () =>
        {
            // Almost always nothing touched the order since it was inserted: one compare-and-set on its version attaches it.
            if (completion is null ? await store.TryUpdateOrderAsync(attached, ct) : await store.TryUpdateOrderAsync(attached, completion, ct))
            {
                return true;
            }

            await using var transaction = await store.BeginAsync(ct);
            var order = await transaction.GetOrderForUpdateAsync(attached.Id, ct);
            if (order is null
                || order.Status != OrderStatus.PendingPayment
                || (order.PaymentId is not null && order.PaymentId != payment.Id))
            {
                // Reconciliation gave up on the order while the provider was slow, and canceled its payment.
                throw new PaymentProviderUnavailableException("The payment took too long to set up and the order was withdrawn; nothing is reserved or charged.");
            }

            // The completion is left unstored: its caller stores it after this. The token is the one this answer
            // gives (a retry finishing a dead attempt's order gives a new one).
            await transaction.UpdateAsync(WithPayment(order with { TokenHash = attached.TokenHash }, payment, attached.UpdatedAt), ct);
            await transaction.CommitAsync(ct);
            return true;
        });
        CheckoutLog.Placed(logger, attached.Id, attached.Lines.Count, attached.Total.Minor, payment.Id);
    }

    private static Order WithPayment(Order order, ProviderPayment payment, DateTimeOffset now) => order with
    {
        PaymentId = payment.Id,
        ClientSecret = payment.ClientSecret,
        // From now on the order needs reconciliation only if nothing ends it before its reservation does.
        ReconcileAfter = order.ReservedUntil,
        UpdatedAt = now,
    };

    private async Task WithdrawAsync(string orderId, string reason, CancellationToken ct)
    {
        try
        {
            await StoreRetry.RunAsync(async () =>
            {
                await using var transaction = await store.BeginAsync(ct);
                var order = await transaction.GetOrderForUpdateAsync(orderId, ct);
                if (order is { Status: OrderStatus.PendingPayment, PaymentId: null })
                {
                    // The buyer never saw the order and is told that none was kept (API.md): its stock goes back, and
                    // the order itself, which nobody was told of, goes with its lines.
                    var released = await transaction.ReleaseReservationsAsync(order.Id, ct);
                    await transaction.DeleteUnseenOrderAsync(order.Id, ct);

                    // The pages are told, though: a rebuild for another sale while the provider was slow (its timeout and
                    // retries take seconds) may have published the reservation as lower stock or "sold out".
                    if (released.Count > 0)
                    {
                        await transaction.EnqueueAsync(
                            new OutboxMessage(OutboxKinds.StockChanged, null, [.. released.Select(line => line.Sku).Distinct(StringComparer.Ordinal)]),
                            time.StoreNow(),
                            ct);
                    }

                    await transaction.CommitAsync(ct);
                }

                return true;
            });
            CheckoutLog.Withdrawn(logger, orderId, reason);
        }
        catch (StoreConflictException)
        {
            // The order is still due for reconciliation, which withdraws it (as canceled: by then time has passed).
            CheckoutLog.Busy(logger, orderId, "withdrawing an order");
        }
    }
}
