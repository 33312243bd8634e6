using Jamcart.Checkout.Payments;
using Jamcart.Core;

using Shouldly;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// What every <see cref="IPaymentProvider"/> must do, written against the interface only. Each subclass hands in a
/// factory for its provider: the sandbox always runs; Stripe's own test mode runs only when opted in (see
/// <see cref="StripeTestModePaymentProviderTests"/>). The test plays the browser's part through the harness.
/// </summary>
public abstract class PaymentProviderContract(Func<CancellationToken, Task<ProviderHarness>> startProvider) : IAsyncLifetime
{
    private ProviderHarness? _harness;

    protected ProviderHarness Harness => _harness ?? throw new InvalidOperationException("The provider has not been started.");

    protected IPaymentProvider Provider => Harness.Provider;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await startProvider(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [ContractTheory]
    [InlineData(1250, "USD")]
    [InlineData(12000, "KRW")]
    [InlineData(5120, "KWD")]
    [InlineData(1500, "JPY")]
    [InlineData(2599, "EUR")]
    public async Task create_returns_a_payment_for_exactly_the_amount_and_currency_of_its_order(long minor, string currency)
    {
        var amount = new Money(minor, Currency.Get(currency));
        var request = NewRequest(amount);

        var payment = await Provider.CreateAsync(request, Ct);

        payment.Id.ShouldStartWith("pi_");
        payment.Amount.ShouldBe(amount);
        payment.OrderId.ShouldBe(request.OrderId);
        payment.Status.ShouldBe(PaymentStatus.AwaitingPaymentMethod);
        payment.ProviderStatus.ShouldBe("requires_payment_method");
        payment.ClientSecret.ShouldNotBeNull().ShouldStartWith(payment.Id + "_secret_");
        payment.LastError.ShouldBeNull();
        payment.AmountRefunded.ShouldBe(0);

        var retrieved = await Provider.GetAsync(payment.Id, Ct);
        retrieved.Amount.ShouldBe(amount);
        retrieved.OrderId.ShouldBe(request.OrderId);
    }

    [ContractFact]
    public async Task extra_metadata_never_replaces_the_order_id()
    {
        var request = NewRequest(Usd(1250)) with
        {
            Metadata = new Dictionary<string, string> { ["order_id"] = "ord_someone_else", ["store"] = "contract" },
            Description = "Contract test order",
        };

        var payment = await Provider.CreateAsync(request, Ct);

        payment.OrderId.ShouldBe(request.OrderId);
        var raw = await Harness.RetrieveRawAsync(payment.Id, Ct);
        raw.Metadata["order_id"].ShouldBe(request.OrderId);
        raw.Metadata["store"].ShouldBe("contract");
        raw.Description.ShouldBe("Contract test order");
    }

    [ContractFact]
    public async Task complete_asks_the_provider_and_ignores_what_the_browser_claims()
    {
        var payment = await Provider.CreateAsync(NewRequest(Usd(1250)), Ct);

        var completed = await Provider.CompleteAsync(
            payment.Id,
            new Dictionary<string, string> { ["status"] = "succeeded", ["paymentIntent"] = payment.Id },
            Ct);

        completed.Status.ShouldBe(PaymentStatus.AwaitingPaymentMethod);
    }

    [ContractTheory]
    [InlineData("pm_card_visa", PaymentStatus.Succeeded, null, null)]
    [InlineData("pm_card_chargeDeclined", PaymentStatus.AwaitingPaymentMethod, "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", PaymentStatus.AwaitingPaymentMethod, "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedLostCard", PaymentStatus.AwaitingPaymentMethod, "card_declined", "lost_card")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", PaymentStatus.AwaitingPaymentMethod, "expired_card", null)]
    [InlineData("pm_card_chargeDeclinedIncorrectCvc", PaymentStatus.AwaitingPaymentMethod, "incorrect_cvc", null)]
    [InlineData("pm_card_threeDSecure2Required", PaymentStatus.RequiresAction, null, null)]
    [InlineData("pm_card_authenticationRequired", PaymentStatus.RequiresAction, null, null)]
    public async Task confirming_with_a_test_card_gives_the_cards_outcome(string paymentMethod, PaymentStatus status, string? code, string? declineCode)
    {
        var payment = await Provider.CreateAsync(NewRequest(Usd(2000)), Ct);

        var browserError = await Harness.ConfirmAsync(payment.Id, paymentMethod, Ct);

        var after = await Provider.GetAsync(payment.Id, Ct);
        after.Status.ShouldBe(status);
        if (code is null)
        {
            browserError.ShouldBeNull();
            after.LastError.ShouldBeNull();
        }
        else
        {
            browserError.ShouldNotBeNull().Code.ShouldBe(code);
            var error = after.LastError.ShouldNotBeNull();
            error.Code.ShouldBe(code);
            error.Message.ShouldNotBeNullOrWhiteSpace();
            if (declineCode is not null)
            {
                error.DeclineCode.ShouldBe(declineCode);
            }
        }

        if (status == PaymentStatus.Succeeded)
        {
            after.Amount.ShouldBe(Usd(2000));
            after.AmountRefunded.ShouldBe(0);
        }
    }

    [ContractFact]
    public async Task a_declined_payment_can_be_retried_with_another_card_and_succeed()
    {
        var payment = await Provider.CreateAsync(NewRequest(Usd(1250)), Ct);
        (await Harness.ConfirmAsync(payment.Id, "pm_card_chargeDeclinedInsufficientFunds", Ct)).ShouldNotBeNull();
        (await Provider.GetAsync(payment.Id, Ct)).LastError.ShouldNotBeNull().DeclineCode.ShouldBe("insufficient_funds");

        (await Harness.ConfirmAsync(payment.Id, "pm_card_visa", Ct)).ShouldBeNull();

        var after = await Provider.GetAsync(payment.Id, Ct);
        after.Status.ShouldBe(PaymentStatus.Succeeded);
        after.LastError.ShouldBeNull();
    }

    [ContractFact]
    public async Task canceling_an_unpaid_payment_cancels_it_for_good()
    {
        var payment = await Provider.CreateAsync(NewRequest(Usd(1250)), Ct);

        var canceled = await Provider.CancelAsync(payment.Id, "cancel:" + payment.Id, Ct);

        canceled.Status.ShouldBe(PaymentStatus.Canceled);
        (await Provider.GetAsync(payment.Id, Ct)).Status.ShouldBe(PaymentStatus.Canceled);
    }

    [ContractFact]
    public async Task canceling_again_with_the_same_key_answers_the_same()
    {
        var payment = await Provider.CreateAsync(NewRequest(Usd(1250)), Ct);
        var key = "cancel:" + payment.Id;

        var first = await Provider.CancelAsync(payment.Id, key, Ct);
        var second = await Provider.CancelAsync(payment.Id, key, Ct);

        second.Id.ShouldBe(first.Id);
        second.Status.ShouldBe(PaymentStatus.Canceled);
    }

    [ContractFact]
    public async Task canceling_a_succeeded_payment_is_rejected_and_leaves_it_paid()
    {
        var payment = await PaidAsync(Usd(1250));

        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() => Provider.CancelAsync(payment.Id, "cancel:" + payment.Id, Ct));

        rejected.Code.ShouldBe("payment_intent_unexpected_state");
        (await Provider.GetAsync(payment.Id, Ct)).Status.ShouldBe(PaymentStatus.Succeeded);
    }

    [ContractFact]
    public async Task a_refund_reads_back_as_the_provider_reports_it()
    {
        var payment = await PaidAsync(Usd(3100));
        var made = await Provider.RefundAsync(new RefundRequest(payment.Id, 1100, $"refund:{payment.OrderId}:1"), Ct);

        var read = await Provider.GetRefundAsync(made.Id, Ct);

        read.ShouldBe(made);
    }

    [ContractFact]
    public async Task a_refund_carries_the_key_of_its_request_after_the_provider_forgets_the_key()
    {
        // Stripe forgets an idempotency key after 24 hours; the refund itself keeps it, so that a retry can still find it.
        var payment = await PaidAsync(Usd(3100));
        var key = $"refund:{payment.OrderId}:1:1100";

        var made = await Provider.RefundAsync(new RefundRequest(payment.Id, 1100, key), Ct);

        made.RequestKey.ShouldBe(key);
        (await Provider.GetRefundAsync(made.Id, Ct)).RequestKey.ShouldBe(key);
    }

    [ContractFact]
    public async Task the_refunds_of_a_payment_are_listed_newest_first_with_their_keys_and_no_other_payments()
    {
        var payment = await PaidAsync(Usd(5000));
        var other = await PaidAsync(Usd(5000));
        var first = await Provider.RefundAsync(new RefundRequest(payment.Id, 1000, $"refund:{payment.OrderId}:1:1000"), Ct);
        await Provider.RefundAsync(new RefundRequest(other.Id, 700, $"refund:{other.OrderId}:1:700"), Ct);
        var second = await Provider.RefundAsync(new RefundRequest(payment.Id, 1200, $"refund:{payment.OrderId}:2:1200"), Ct);

        var listed = await Provider.ListRefundsAsync(payment.Id, Ct);

        listed.ShouldBe([second, first]);
        (await Provider.ListRefundsAsync((await PaidAsync(Usd(900))).Id, Ct)).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task a_full_refund_returns_the_whole_amount()
    {
        var payment = await PaidAsync(Usd(4200));

        var refund = await Provider.RefundAsync(new RefundRequest(payment.Id, null, $"refund:{payment.OrderId}:1") { Reason = "requested_by_customer" }, Ct);

        refund.Id.ShouldStartWith("re_");
        refund.PaymentId.ShouldBe(payment.Id);
        refund.Amount.ShouldBe(4200);
        refund.Currency.ShouldBe("USD");
        refund.Status.ShouldBe("succeeded");
        var after = await Provider.GetAsync(payment.Id, Ct);
        after.AmountRefunded.ShouldBe(4200);
        after.Status.ShouldBe(PaymentStatus.Succeeded);
    }

    [ContractFact]
    public async Task two_partial_refunds_then_the_remainder_add_up_to_the_amount()
    {
        var payment = await PaidAsync(Usd(5000));

        var first = await Provider.RefundAsync(new RefundRequest(payment.Id, 1200, $"refund:{payment.OrderId}:1"), Ct);
        var second = await Provider.RefundAsync(new RefundRequest(payment.Id, 800, $"refund:{payment.OrderId}:2"), Ct);
        var rest = await Provider.RefundAsync(new RefundRequest(payment.Id, null, $"refund:{payment.OrderId}:3"), Ct);

        first.Amount.ShouldBe(1200);
        second.Amount.ShouldBe(800);
        rest.Amount.ShouldBe(3000);
        new[] { first.Id, second.Id, rest.Id }.Distinct().Count().ShouldBe(3);
        (await Provider.GetAsync(payment.Id, Ct)).AmountRefunded.ShouldBe(5000);
    }

    [ContractFact]
    public async Task refunding_more_than_what_is_left_is_rejected()
    {
        var payment = await PaidAsync(Usd(5000));
        await Provider.RefundAsync(new RefundRequest(payment.Id, 3000, $"refund:{payment.OrderId}:1"), Ct);

        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.RefundAsync(new RefundRequest(payment.Id, 2500, $"refund:{payment.OrderId}:2"), Ct));
        rejected.KeyReused.ShouldBeFalse();

        (await Provider.GetAsync(payment.Id, Ct)).AmountRefunded.ShouldBe(3000);
    }

    [ContractFact]
    public async Task refunding_a_fully_refunded_payment_is_rejected()
    {
        var payment = await PaidAsync(Usd(1500));
        await Provider.RefundAsync(new RefundRequest(payment.Id, null, $"refund:{payment.OrderId}:1"), Ct);

        await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.RefundAsync(new RefundRequest(payment.Id, null, $"refund:{payment.OrderId}:2"), Ct));
    }

    [ContractFact]
    public async Task refunding_twice_with_the_same_key_refunds_once()
    {
        var payment = await PaidAsync(Usd(5000));
        var request = new RefundRequest(payment.Id, 1000, $"refund:{payment.OrderId}:1");

        var first = await Provider.RefundAsync(request, Ct);
        var second = await Provider.RefundAsync(request, Ct);

        second.Id.ShouldBe(first.Id);
        (await Provider.GetAsync(payment.Id, Ct)).AmountRefunded.ShouldBe(1000);
    }

    [ContractFact]
    public async Task creating_twice_with_the_same_key_returns_the_same_payment()
    {
        var request = NewRequest(Usd(1250));

        var first = await Provider.CreateAsync(request, Ct);
        var second = await Provider.CreateAsync(request, Ct);

        second.Id.ShouldBe(first.Id);
        second.ClientSecret.ShouldBe(first.ClientSecret);
    }

    [ContractFact]
    public async Task the_same_key_for_a_different_amount_is_rejected()
    {
        var request = NewRequest(Usd(1250));
        await Provider.CreateAsync(request, Ct);

        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.CreateAsync(request with { Amount = Usd(1350) }, Ct));
        rejected.KeyReused.ShouldBeTrue();
    }

    [ContractFact]
    public async Task a_refund_key_already_used_for_another_amount_is_rejected_as_reused_and_refunds_nothing_more()
    {
        var payment = await PaidAsync(Usd(5000));
        await Provider.RefundAsync(new RefundRequest(payment.Id, 1000, $"refund:{payment.OrderId}:1"), Ct);

        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.RefundAsync(new RefundRequest(payment.Id, 2000, $"refund:{payment.OrderId}:1"), Ct));

        rejected.KeyReused.ShouldBeTrue();
        (await Provider.GetAsync(payment.Id, Ct)).AmountRefunded.ShouldBe(1000);
    }

    [ContractTheory]
    [InlineData(1, "KRW")]
    [InlineData(1, "USD")]
    [InlineData(49, "USD")]
    [InlineData(10, "KWD")]
    public async Task an_amount_below_the_providers_minimum_is_rejected_as_too_small(long minor, string currency)
    {
        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.CreateAsync(NewRequest(new Money(minor, Currency.Get(currency))), Ct));

        rejected.Code.ShouldBe("amount_too_small");
        rejected.Param.ShouldBe("amount");
    }

    [ContractFact]
    public async Task the_usd_minimum_is_reported_in_minor_units()
    {
        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() => Provider.CreateAsync(NewRequest(Usd(49)), Ct));

        rejected.Limit.ShouldBe(50);
    }

    [ContractFact]
    public async Task a_kwd_amount_whose_last_digit_is_not_zero_is_rejected()
    {
        // Stripe takes three-decimal currencies only in steps of ten fils.
        await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.CreateAsync(NewRequest(new Money(5125, Currency.KWD)), Ct));
    }

    [ContractFact]
    public async Task isk_is_sent_in_hundredths_and_read_back_in_whole_kronur()
    {
        var amount = new Money(5000, Currency.Get("ISK"));

        var payment = await Provider.CreateAsync(NewRequest(amount), Ct);

        (await Harness.RetrieveRawAsync(payment.Id, Ct)).Amount.ShouldBe(500_000);
        payment.Amount.ShouldBe(amount);
        (await Provider.GetAsync(payment.Id, Ct)).Amount.ShouldBe(amount);
    }

    [ContractFact]
    public async Task an_mga_amount_with_a_fraction_is_refused_before_anything_is_sent()
    {
        // ISO counts MGA in hundredths; Stripe charges whole ariary only.
        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() =>
            Provider.CreateAsync(NewRequest(new Money(500_050, Currency.Get("MGA"))), Ct));

        rejected.Code.ShouldBe("amount_not_representable");
    }

    [ContractFact]
    public async Task an_unknown_payment_is_rejected_as_missing()
    {
        var rejected = await Should.ThrowAsync<PaymentRequestRejectedException>(() => Provider.GetAsync("pi_does_not_exist_anywhere", Ct));

        rejected.Code.ShouldBe("resource_missing");
    }

    protected static CreatePaymentRequest NewRequest(Money amount) => ContractRequests.NewPayment(amount);

    protected static Money Usd(long cents) => ContractRequests.Usd(cents);

    /// <summary>A payment the buyer has paid with the always-approved test card.</summary>
    protected async Task<ProviderPayment> PaidAsync(Money amount)
    {
        var payment = await Provider.CreateAsync(NewRequest(amount), Ct);
        (await Harness.ConfirmAsync(payment.Id, "pm_card_visa", Ct)).ShouldBeNull();
        var paid = await Provider.GetAsync(payment.Id, Ct);
        paid.Status.ShouldBe(PaymentStatus.Succeeded);
        return paid;
    }
}
