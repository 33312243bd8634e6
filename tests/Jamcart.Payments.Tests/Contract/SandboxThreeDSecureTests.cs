using Jamcart.Checkout.Payments;

using Shouldly;

using static Jamcart.Payments.Tests.Contract.ContractRequests;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// 3-D Secure to the end. Stripe's own challenge can only be passed in a browser, so this part of the contract runs
/// against the sandbox, whose challenge the test can answer.
/// </summary>
public sealed class SandboxThreeDSecureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ForEachApiClient("pm_card_threeDSecure2Required")]
    [ForEachApiClient("pm_card_authenticationRequired")]
    public async Task passing_the_challenge_makes_the_payment_succeed(ApiClient client, string paymentMethod)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(3000)), Ct);
        (await run.Harness.ConfirmAsync(payment.Id, paymentMethod, Ct)).ShouldBeNull();
        (await run.Provider.GetAsync(payment.Id, Ct)).Status.ShouldBe(PaymentStatus.RequiresAction);

        await run.Server.CompleteThreeDSecureAsync(payment.Id, succeed: true);

        var after = await run.Provider.CompleteAsync(payment.Id, new Dictionary<string, string>(), Ct);
        after.Status.ShouldBe(PaymentStatus.Succeeded);
        after.LastError.ShouldBeNull();
    }

    [Theory]
    [ForEachApiClient]
    public async Task failing_the_challenge_leaves_the_payment_awaiting_another_card_with_an_authentication_error(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(3000)), Ct);
        (await run.Harness.ConfirmAsync(payment.Id, "pm_card_threeDSecure2Required", Ct)).ShouldBeNull();

        await run.Server.CompleteThreeDSecureAsync(payment.Id, succeed: false);

        var after = await run.Provider.GetAsync(payment.Id, Ct);
        after.Status.ShouldBe(PaymentStatus.AwaitingPaymentMethod);
        after.LastError.ShouldNotBeNull().Code.ShouldBe("payment_intent_authentication_failure");
    }

    [Theory]
    [ForEachApiClient]
    public async Task after_a_failed_challenge_another_card_can_pay(ApiClient client)
    {
        await using var run = await SandboxRun.StartAsync(client, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(3000)), Ct);
        await run.Harness.ConfirmAsync(payment.Id, "pm_card_threeDSecure2Required", Ct);
        await run.Server.CompleteThreeDSecureAsync(payment.Id, succeed: false);

        (await run.Harness.ConfirmAsync(payment.Id, "pm_card_visa", Ct)).ShouldBeNull();

        (await run.Provider.GetAsync(payment.Id, Ct)).Status.ShouldBe(PaymentStatus.Succeeded);
    }
}
