using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Shouldly;

namespace Jamcart.Core.Tests;

public class MoneyParserTests
{
    [Theory]
    [InlineData("12000", "KRW", 12000)]
    [InlineData("0", "KRW", 0)]
    [InlineData("007", "KRW", 7)]
    [InlineData("500", "JPY", 500)]
    [InlineData("12.50", "USD", 1250)]
    [InlineData("12.5", "USD", 1250)]
    [InlineData("12", "USD", 1200)]
    [InlineData("0.99", "USD", 99)]
    [InlineData("0.05", "USD", 5)]
    [InlineData(" 12.50 ", "USD", 1250)]
    [InlineData("1.250", "KWD", 1250)]
    [InlineData("1.25", "KWD", 1250)]
    [InlineData("0.010", "KWD", 10)]
    [InlineData("2.34", "BHD", 2340)]
    [InlineData("12.00", "MGA", 1200)]
    [InlineData("3", "KWD", 3000)]
    [InlineData("1.2345", "CLF", 12345)]
    [InlineData("999999999999", "KRW", 999_999_999_999)]
    [InlineData("999999999999.99", "USD", 99_999_999_999_999)]
    [InlineData("999999999999.9999", "CLF", 9_999_999_999_999_999)]
    public void accepts_a_plain_decimal_number_of_major_units(string text, string code, long minor)
    {
        var currency = Currency.Get(code);

        MoneyParser.TryParse(text, currency, out var money, out var error).ShouldBeTrue(error);
        money.ShouldBe(new Money(minor, currency));
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("12000.5", "KRW", "KRW has no minor unit: prices must be whole numbers, like 12000")]
    [InlineData("12000.0", "KRW", "KRW has no minor unit: prices must be whole numbers, like 12000")]
    [InlineData("500.00", "JPY", "JPY has no minor unit: prices must be whole numbers, like 12000")]
    [InlineData("12.505", "USD", "USD allows at most 2 decimals, like 12.50")]
    [InlineData("12.500", "USD", "USD allows at most 2 decimals, like 12.50")]
    [InlineData("1.2500", "KWD", "KWD allows at most 3 decimals, like 1.250")]
    [InlineData("-12000", "KRW", "prices cannot be negative")]
    [InlineData("-0.99", "USD", "prices cannot be negative")]
    [InlineData("-0", "USD", "prices cannot be negative")]
    [InlineData("1e3", "KRW", "without an exponent, like 12000")]
    [InlineData("1.5E2", "USD", "without an exponent, like 12.50")]
    [InlineData("12,000", "KRW", "leave out thousands separators: write digits only, like 12000")]
    [InlineData("12_000", "JPY", "leave out thousands separators: write digits only, like 12000")]
    [InlineData("12 000", "KRW", "leave out thousands separators")]
    [InlineData("1,250.00", "USD", "leave out thousands separators and write decimals after a '.', like 12.50")]
    [InlineData("12,50", "USD", "leave out thousands separators and write decimals after a '.', like 12.50")]
    [InlineData("+12.50", "USD", "leave out the '+' sign")]
    [InlineData("", "USD", "no amount given: write a number, like 12.50")]
    [InlineData("   ", "KWD", "no amount given: write a number, like 1.250")]
    [InlineData(null, "KRW", "no amount given: write a number, like 12000")]
    [InlineData("twelve", "USD", "not a number: write digits, like 12.50")]
    [InlineData("$12.50", "USD", "not a number")]
    [InlineData("12.50 USD", "USD", "not a number")]
    [InlineData("1.2.3", "USD", "not a number")]
    [InlineData("0x10", "KRW", "not a number")]
    [InlineData("NaN", "USD", "not a number")]
    [InlineData("١٢", "KRW", "not a number")]
    [InlineData(".50", "USD", "write digits on both sides of the decimal point, like 12.50")]
    [InlineData("12.", "USD", "write digits on both sides of the decimal point")]
    [InlineData("1000000000000", "KRW", "too large: KRW prices can be at most 999999999999")]
    [InlineData("1000000000000.00", "USD", "too large: USD prices can be at most 999999999999.99")]
    [InlineData("99999999999999999999999", "KWD", "too large: KWD prices can be at most 999999999999.990")]
    [InlineData("2.345", "KWD", "KWD amounts are charged in steps of 0.010, the smallest a card payment in KWD can move: write 2.340 or 2.350")]
    [InlineData("1.505", "BHD", "BHD amounts are charged in steps of 0.010, the smallest a card payment in BHD can move: write 1.500 or 1.510")]
    [InlineData("0.001", "OMR", "write 0.000 or 0.010")]
    [InlineData("999999999999.999", "TND", "write 999999999999.990")]
    [InlineData("12.50", "MGA", "MGA amounts are charged in steps of 1.00, the smallest a card payment in MGA can move: write 12.00 or 13.00")]
    [InlineData("12,50", "MGA", "like 12.00")]
    public void rejects_with_a_message_naming_the_currency_rule(string? text, string code, string message)
    {
        var currency = Currency.Get(code);

        MoneyParser.TryParse(text, currency, out var money, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain(message);
        money.ShouldBe(default);
    }

    [Fact]
    public void usd_rejects_three_decimals()
    {
        MoneyParser.TryParse("12.505", Currency.USD, out _, out var error).ShouldBeFalse();
        error.ShouldBe("USD allows at most 2 decimals, like 12.50");
    }

    [Fact]
    public void krw_rejects_decimals()
    {
        MoneyParser.TryParse("12000.5", Currency.KRW, out _, out var error).ShouldBeFalse();
        error.ShouldBe("KRW has no minor unit: prices must be whole numbers, like 12000");
    }

    [Fact]
    public void kwd_rejects_a_price_card_payments_cannot_be_made_of()
    {
        MoneyParser.TryParse("2.345", Currency.KWD, out _, out var error).ShouldBeFalse();
        error.ShouldBe("KWD amounts are charged in steps of 0.010, the smallest a card payment in KWD can move: write 2.340 or 2.350");
    }

    [Fact]
    public void leading_zeros_do_not_count_toward_the_maximum()
    {
        MoneyParser.Parse("0000999999999999", Currency.KRW).ShouldBe(new Money(MoneyParser.MaxMajor, Currency.KRW));
    }

    [Fact]
    public void parse_returns_what_try_parse_reads()
    {
        MoneyParser.Parse("1.250", Currency.KWD).ShouldBe(new Money(1250, Currency.KWD));
    }

    [Fact]
    public void parse_throws_format_exception_with_the_same_message()
    {
        MoneyParser.TryParse("12.505", Currency.USD, out _, out var error);

        var thrown = Should.Throw<FormatException>(() => MoneyParser.Parse("12.505", Currency.USD));

        thrown.Message.ShouldBe(error);
    }

    [Property(Arbitrary = [typeof(ParsableAmounts)], MaxTest = 1000)]
    public void parse_reads_back_what_format_plain_writes(ParsableAmount amount)
    {
        var money = new Money(amount.Minor, amount.Currency);

        MoneyParser.Parse(MoneyFormatter.FormatPlain(money), amount.Currency).ShouldBe(money);
    }

    /// <summary>One currency and a minor amount, in whole charge steps, from zero to the parser's largest accepted price in it.</summary>
    public sealed record ParsableAmount(Currency Currency, long Minor)
    {
        public static long Largest(Currency currency) => ((MoneyParser.MaxMajor + 1) * currency.MinorPerMajor) - 1;
    }

    public static class ParsableAmounts
    {
        public static Arbitrary<ParsableAmount> Amounts()
        {
            return Gen.Elements(Currency.All.ToArray())
                .SelectMany(currency => Minors(ParsableAmount.Largest(currency)).Select(minor => new ParsableAmount(currency, minor - (minor % currency.ChargeStep))))
                .ToArbitrary();
        }

        // Edges such as 0.01 and the largest price are where digit-writing and padding go wrong; uniform draws rarely hit them.
        private static Gen<long> Minors(long largest)
        {
            return Gen.Frequency(
                (3, FsCheck.FSharp.Gen.Choose64(0, largest)),
                (3, Gen.Choose(0, 100_000).Select(value => (long)value)),
                (1, Gen.Elements(0L, 1L, 9L, 10L, 99L, 100L, 101L, 999L, 1000L, 10_000L, largest - 1, largest)));
        }
    }
}
