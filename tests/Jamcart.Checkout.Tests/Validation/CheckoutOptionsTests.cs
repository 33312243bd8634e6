using Jamcart.Checkout.UseCases;

using Shouldly;

namespace Jamcart.Checkout.Tests.Validation;

public sealed class CheckoutOptionsTests
{
    [Fact]
    public void the_defaults_are_usable()
    {
        new CheckoutOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void every_unusable_option_is_named()
    {
        var options = new CheckoutOptions
        {
            ReservationTime = TimeSpan.Zero,
            PaymentCreationGrace = TimeSpan.FromHours(1),
            MaxLines = 0,
            MaxQuantity = -1,
            ReconcileBatchSize = 0,
            ReconcileRetryDelay = TimeSpan.Zero,
        };

        var problems = options.Validate();

        problems.Count.ShouldBe(6);
        foreach (var name in new[] { "ReservationTime", "PaymentCreationGrace", "MaxLines", "MaxQuantity", "ReconcileBatchSize", "ReconcileRetryDelay" })
        {
            problems.ShouldContain(problem => problem.StartsWith(name, StringComparison.Ordinal));
        }
    }
}
