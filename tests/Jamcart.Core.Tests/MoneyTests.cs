using System.Numerics;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Shouldly;

namespace Jamcart.Core.Tests;

public class MoneyTests
{
    [Fact]
    public void same_currency_amounts_add_and_subtract()
    {
        var price = new Money(1250, Currency.USD);
        var discount = new Money(300, Currency.USD);

        (price + discount).ShouldBe(new Money(1550, Currency.USD));
        (price - discount).ShouldBe(new Money(950, Currency.USD));
        (discount - price).ShouldBe(new Money(-950, Currency.USD));
    }

    [Fact]
    public void adding_different_currencies_names_both()
    {
        var thrown = Should.Throw<InvalidOperationException>(() => new Money(1250, Currency.USD) + new Money(12000, Currency.KRW));

        thrown.Message.ShouldContain("Cannot add KRW to USD");
    }

    [Fact]
    public void subtracting_different_currencies_names_both()
    {
        var thrown = Should.Throw<InvalidOperationException>(() => new Money(1250, Currency.EUR) - new Money(1250, Currency.GBP));

        thrown.Message.ShouldContain("Cannot subtract GBP from EUR");
    }

    [Fact]
    public void addition_past_long_max_throws_instead_of_wrapping()
    {
        Should.Throw<OverflowException>(() => new Money(long.MaxValue, Currency.KRW) + new Money(1, Currency.KRW));
    }

    [Fact]
    public void subtraction_past_long_min_throws_instead_of_wrapping()
    {
        Should.Throw<OverflowException>(() => new Money(long.MinValue, Currency.KRW) - new Money(1, Currency.KRW));
    }

    [Theory]
    [InlineData(1250, 3, 3750)]
    [InlineData(1250, 0, 0)]
    [InlineData(1250, -2, -2500)]
    [InlineData(0, long.MaxValue, 0)]
    public void multiply_scales_the_minor_units(long minor, long quantity, long expected)
    {
        new Money(minor, Currency.USD).Multiply(quantity).ShouldBe(new Money(expected, Currency.USD));
    }

    [Theory]
    [InlineData(long.MaxValue, 2)]
    [InlineData(4_611_686_018_427_387_904, 2)]
    [InlineData(long.MinValue, -1)]
    [InlineData(-4_611_686_018_427_387_905, 2)]
    public void multiply_past_the_range_of_long_throws(long minor, long quantity)
    {
        Should.Throw<OverflowException>(() => new Money(minor, Currency.KRW).Multiply(quantity));
    }

    [Fact]
    public void zero_is_no_minor_units_of_the_currency()
    {
        Money.Zero(Currency.KWD).ShouldBe(new Money(0, Currency.KWD));
    }

    [Fact]
    public void amounts_in_different_currencies_are_not_equal()
    {
        new Money(100, Currency.USD).ShouldNotBe(new Money(100, Currency.EUR));
    }

    [Fact]
    public void a_money_needs_a_currency()
    {
        Should.Throw<ArgumentNullException>(() => new Money(100, null!));
    }

    [Fact]
    public void sum_of_nothing_is_zero_in_the_given_currency()
    {
        Money.Sum([], Currency.JPY).ShouldBe(Money.Zero(Currency.JPY));
    }

    [Fact]
    public void sum_adds_every_amount()
    {
        Money[] lines = [new(1250, Currency.USD), new(99, Currency.USD), new(-300, Currency.USD)];

        Money.Sum(lines, Currency.USD).ShouldBe(new Money(1049, Currency.USD));
    }

    [Fact]
    public void sum_refuses_an_amount_in_another_currency()
    {
        Money[] lines = [new(1250, Currency.USD), new(12000, Currency.KRW)];

        var thrown = Should.Throw<InvalidOperationException>(() => Money.Sum(lines, Currency.USD));

        thrown.Message.ShouldContain("Cannot add KRW to a USD total");
    }

    [Fact]
    public void sum_whose_total_exceeds_long_throws()
    {
        Money[] lines = [new(long.MaxValue, Currency.KRW), new(1, Currency.KRW)];

        Should.Throw<OverflowException>(() => Money.Sum(lines, Currency.KRW));
    }

    [Fact]
    public void sum_depends_on_the_total_not_on_the_order_of_the_amounts()
    {
        Money[] lines = [new(long.MaxValue, Currency.KRW), new(1, Currency.KRW), new(-2, Currency.KRW)];

        Money.Sum(lines, Currency.KRW).ShouldBe(new Money(long.MaxValue - 1, Currency.KRW));
    }

    [Fact]
    public void to_string_shows_the_plain_amount_and_code()
    {
        new Money(1250, Currency.KWD).ToString().ShouldBe("1.250 KWD");
    }

    [Property(Arbitrary = [typeof(LongsNearTheEdges)], MaxTest = 500)]
    public Property sum_is_the_exact_total_or_throws_overflow(long[] values)
    {
        var exact = values.Aggregate(BigInteger.Zero, (total, value) => total + value);
        var fits = exact >= long.MinValue && exact <= long.MaxValue;
        var amounts = values.Select(value => new Money(value, Currency.USD));

        bool Holds()
        {
            try
            {
                var sum = Money.Sum(amounts, Currency.USD);
                return fits && sum.Minor == (long)exact;
            }
            catch (OverflowException)
            {
                return !fits;
            }
        }

        // Shows in the output how often each branch ran, so a generator that stops reaching overflow is noticed.
        return Prop.Classify(Holds, fits, "fits").Classify(!fits, "overflows");
    }

    /// <summary>Longs that reach overflow within a few additions: the default generator stays near zero.</summary>
    public static class LongsNearTheEdges
    {
        public static Arbitrary<long> Longs()
        {
            return Gen.Frequency(
                    (3, Gen.Choose(-1000, 1000).Select(value => (long)value)),
                    (3, FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MaxValue)),
                    (2, FsCheck.FSharp.Gen.Choose64(long.MaxValue - 1000, long.MaxValue)),
                    (2, FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MinValue + 1000)))
                .ToArbitrary();
        }
    }
}
