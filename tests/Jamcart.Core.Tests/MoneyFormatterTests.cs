using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Shouldly;

namespace Jamcart.Core.Tests;

public class MoneyFormatterTests
{
    [Theory]
    [InlineData(12000, "KRW", "ko", "₩12,000")]
    [InlineData(12000, "KRW", "ko-KR", "₩12,000")]
    [InlineData(12000, "KRW", "en", "₩12,000")]
    [InlineData(1234567, "KRW", "de", "1.234.567 ₩")]
    [InlineData(1250, "USD", "en", "$12.50")]
    [InlineData(1250, "USD", "en-US", "$12.50")]
    [InlineData(123456789, "USD", "en", "$1,234,567.89")]
    [InlineData(0, "USD", "en", "$0.00")]
    [InlineData(5, "USD", "en", "$0.05")]
    [InlineData(1250, "EUR", "de", "12,50 €")]
    [InlineData(123456, "EUR", "fr", "1\u202F234,56 €")]
    [InlineData(1250, "EUR", "nl", "€ 12,50")]
    [InlineData(1250, "GBP", "en-GB", "£12.50")]
    [InlineData(1250, "CNY", "en", "CN¥12.50")]
    [InlineData(500, "JPY", "ja", "¥500")]
    [InlineData(500, "JPY", "en", "¥500")]
    [InlineData(2500000, "VND", "vi", "2.500.000 ₫")]
    [InlineData(12345678, "INR", "en-IN", "₹1,23,456.78")]
    [InlineData(1250, "KWD", "en", "KWD 1.250")]
    [InlineData(5, "KWD", "en", "KWD 0.005")]
    [InlineData(1250, "KWD", "de", "1,250 KWD")]
    [InlineData(1250, "CHF", "de-CH", "CHF 12.50")]
    [InlineData(12345, "CLF", "en", "CLF 1.2345")]
    public void formats_with_the_locale_layout_and_the_currency_symbol_and_decimals(long minor, string code, string locale, string expected)
    {
        MoneyFormatter.Format(new Money(minor, Currency.Get(code)), locale).ShouldBe(expected);
    }

    [Theory]
    [InlineData(-1250, "USD", "en", "-$12.50")]
    [InlineData(-12000, "KRW", "ko", "-₩12,000")]
    [InlineData(-1250, "EUR", "de", "-12,50 €")]
    [InlineData(-1250, "EUR", "nl", "€ -12,50")]
    [InlineData(-1250, "EUR", "sv", "\u221212,50 €")]
    [InlineData(-1250, "KWD", "en", "-KWD 1.250")]
    [InlineData(-1250, "CHF", "de-CH", "CHF -12.50")]
    [InlineData(long.MinValue, "KRW", "en", "-₩9,223,372,036,854,775,808")]
    public void negative_amounts_carry_the_locale_minus_sign(long minor, string code, string locale, string expected)
    {
        MoneyFormatter.Format(new Money(minor, Currency.Get(code)), locale).ShouldBe(expected);
    }

    [Theory]
    [InlineData("xx-YY")]
    [InlineData("not a locale")]
    [InlineData("x-bad")]
    [InlineData("und")]
    [InlineData("")]
    [InlineData("   ")]
    public void unknown_locale_falls_back_to_english(string locale)
    {
        MoneyFormatter.Format(new Money(123456, Currency.USD), locale).ShouldBe("$1,234.56");
    }

    [Fact]
    public void repeated_formatting_in_a_locale_gives_the_same_text()
    {
        var money = new Money(1250, Currency.EUR);

        var first = MoneyFormatter.Format(money, "de");

        MoneyFormatter.Format(money, "de").ShouldBe(first);
        MoneyFormatter.Format(money, "en").ShouldBe("€12.50");
        MoneyFormatter.Format(money, "de").ShouldBe("12,50 €");
    }

    [Fact]
    public void formatting_in_a_cached_locale_allocates_only_the_result()
    {
        var money = new Money(123456789, Currency.EUR);
        for (var i = 0; i < 10; i++)
        {
            MoneyFormatter.Format(money, "de");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = MoneyFormatter.Format(money, "de");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // "1.234.567,89 €" is a 14-character string: 56 bytes on 64-bit, header included.
        text.ShouldBe("1.234.567,89 €");
        allocated.ShouldBeLessThanOrEqualTo(64);
    }

    [Theory]
    [InlineData(1250, "USD", "12.50")]
    [InlineData(1234567, "USD", "12345.67")]
    [InlineData(5, "USD", "0.05")]
    [InlineData(0, "USD", "0.00")]
    [InlineData(-1250, "USD", "-12.50")]
    [InlineData(12000, "KRW", "12000")]
    [InlineData(0, "KRW", "0")]
    [InlineData(1250, "KWD", "1.250")]
    [InlineData(1, "CLF", "0.0001")]
    [InlineData(long.MaxValue, "USD", "92233720368547758.07")]
    [InlineData(long.MinValue, "KRW", "-9223372036854775808")]
    public void format_plain_writes_exactly_the_currency_decimals_without_grouping(long minor, string code, string expected)
    {
        MoneyFormatter.FormatPlain(new Money(minor, Currency.Get(code))).ShouldBe(expected);
    }

    [Fact]
    public void formatting_a_default_money_names_the_missing_currency()
    {
        Should.Throw<ArgumentException>(() => MoneyFormatter.FormatPlain(default)).Message.ShouldContain("no currency");
    }

    [Property(Arbitrary = [typeof(DisplayCases)], MaxTest = 2000)]
    public void format_never_throws_and_shows_the_plain_digits_and_the_currency(DisplayCase display)
    {
        var text = MoneyFormatter.Format(display.Money, display.Locale);

        text.ShouldContain(display.Money.Currency.Symbol ?? display.Money.Currency.Code);
        Digits(text).ShouldBe(Digits(MoneyFormatter.FormatPlain(display.Money)));
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    public sealed record DisplayCase(Money Money, string Locale);

    public static class DisplayCases
    {
        private static readonly string[] Locales =
        [
            "en", "en-US", "en-GB", "en-IN", "ko", "ko-KR", "ja", "de", "de-CH", "fr", "fr-CH", "nl", "sv", "nb", "pt-BR",
            "es", "it", "pl", "ru", "ar", "ar-SA", "fa", "he", "hi", "bn", "zh-Hans", "vi", "th", "tr",
            "en-US-u-nu-arab", "xx-YY", "x-bad", "und", "", "not a locale",
        ];

        public static Arbitrary<DisplayCase> Cases()
        {
            var minors = Gen.Frequency(
                (3, FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MaxValue)),
                (3, Gen.Choose(-100_000, 100_000).Select(value => (long)value)),
                (1, Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, long.MaxValue)));

            return (from currency in Gen.Elements(Currency.All.ToArray())
                    from minor in minors
                    from locale in Gen.Elements(Locales)
                    select new DisplayCase(new Money(minor, currency), locale))
                .ToArbitrary();
        }
    }
}
