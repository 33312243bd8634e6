using Jamcart.Checkout.Payments;

using Shouldly;

using static Jamcart.Payments.Tests.Contract.ContractRequests;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// A failing, slow or unreachable provider: the adapter reports it as unavailable, and the checkout's retry with the
/// same idempotency key then yields one payment, never two (invariant I3, API.md's 503). Only the sandbox can be made
/// to fail on purpose.
/// </summary>
public sealed class SandboxFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ForEachApiClient]
    public async Task a_failing_provider_is_unavailable_and_the_retry_with_the_same_key_creates_one_payment(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var request = NewPayment(Usd(1250));
        run.Server.Outage = true;

        (await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CreateAsync(request, Ct))).KeyRefused.ShouldBeFalse();

        run.Server.Outage = false;
        var payment = await run.Provider.CreateAsync(request, Ct);
        (await run.Provider.CreateAsync(request, Ct)).Id.ShouldBe(payment.Id);
        (await run.Harness.CountPaymentsForOrderAsync(request.OrderId, Ct)).ShouldBe(1);
    }

    [Theory]
    [ForEachApiClient]
    public async Task every_operation_reports_a_failing_provider_as_unavailable(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(1250)), Ct);
        run.Server.Outage = true;

        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.GetAsync(payment.Id, Ct));
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CompleteAsync(payment.Id, new Dictionary<string, string>(), Ct));
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CancelAsync(payment.Id, "cancel:1", Ct));
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.RefundAsync(new RefundRequest(payment.Id, null, "refund:1"), Ct));
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.RefundAsync(new RefundRequest(payment.Id, 100, "refund:2"), Ct));
    }

    [Theory]
    [ForEachApiClient]
    public async Task a_slow_provider_times_out_as_unavailable_and_the_retry_with_the_same_key_yields_the_same_single_payment(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, configureProvider: options => options.Timeout = TimeSpan.FromMilliseconds(300), cancellationToken: Ct);
        var request = NewPayment(Usd(1250));
        run.Server.Latency = TimeSpan.FromSeconds(2);

        var started = TimeProvider.System.GetTimestamp();
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CreateAsync(request, Ct));
        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(1.5));

        run.Server.Latency = TimeSpan.Zero;
        // The slow first attempt may still be finishing inside the provider; the checkout's client retries a 503.
        var payment = await RetryWhileUnavailableAsync(() => run.Provider.CreateAsync(request, Ct), TimeSpan.FromSeconds(5));
        (await run.Provider.CreateAsync(request, Ct)).Id.ShouldBe(payment.Id);
        (await run.Harness.CountPaymentsForOrderAsync(request.OrderId, Ct)).ShouldBe(1);
    }

    [Theory]
    [ForEachApiClient]
    public async Task a_stopped_provider_is_unavailable(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(1250)), Ct);

        await run.Server.StopAsync();

        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CreateAsync(NewPayment(Usd(1250)), Ct));
        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.GetAsync(payment.Id, Ct));
    }

    [Theory]
    [ForEachApiClient]
    public async Task the_callers_own_cancellation_stays_a_cancellation(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        run.Server.Latency = TimeSpan.FromSeconds(3);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        var thrown = await Record.ExceptionAsync(() => run.Provider.CreateAsync(NewPayment(Usd(1250)), caller.Token));

        thrown.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Theory]
    [ForEachApiClient]
    public async Task a_refused_api_key_is_unavailable_and_never_quoted(ApiClient client)
    {
        const string wrongKey = "sk_test_this_key_is_not_the_sandboxs_key";
        await using var run = await SandboxRun.StartAsync(client, configureProvider: options => options.SecretKey = wrongKey, cancellationToken: Ct);

        var thrown = await Should.ThrowAsync<PaymentProviderUnavailableException>(() => run.Provider.CreateAsync(NewPayment(Usd(1250)), Ct));

        thrown.KeyRefused.ShouldBeTrue("Stripe's answer to a wrong key is 401 with the type invalid_request_error");
        thrown.Message.ShouldNotContain(wrongKey[^8..]);
        thrown.Message.ShouldNotContain("sk_test_");
    }

    private static async Task<T> RetryWhileUnavailableAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (PaymentProviderUnavailableException) when (TimeProvider.System.GetElapsedTime(started) < patience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
            }
        }
    }
}
