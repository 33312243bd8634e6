using Shouldly;

namespace Jamcart.Core.Tests;

public class CurrencyTests
{
    [Theory]
    [InlineData("KRW", 0)]
    [InlineData("JPY", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("UGX", 0)]
    [InlineData("XAF", 0)]
    [InlineData("XOF", 0)]
    [InlineData("XPF", 0)]
    [InlineData("PYG", 0)]
    [InlineData("RWF", 0)]
    [InlineData("KMF", 0)]
    [InlineData("GNF", 0)]
    [InlineData("DJF", 0)]
    [InlineData("VUV", 0)]
    [InlineData("BIF", 0)]
    [InlineData("UYI", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("CNY", 2)]
    [InlineData("INR", 2)]
    [InlineData("CHF", 2)]
    [InlineData("HUF", 2)]
    [InlineData("MGA", 2)]
    [InlineData("IRR", 2)]
    [InlineData("XCG", 2)]
    [InlineData("ZWG", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    [InlineData("IQD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    public void currency_has_its_iso_4217_exponent(string code, int exponent)
    {
        Currency.Get(code).Exponent.ShouldBe(exponent);
    }

    [Theory]
    [InlineData("KRW", 1)]
    [InlineData("USD", 100)]
    [InlineData("KWD", 1000)]
    [InlineData("CLF", 10000)]
    public void minor_per_major_is_ten_to_the_exponent(string code, long minorPerMajor)
    {
        Currency.Get(code).MinorPerMajor.ShouldBe(minorPerMajor);
    }

    [Theory]
    [InlineData("KWD", 10)]
    [InlineData("BHD", 10)]
    [InlineData("JOD", 10)]
    [InlineData("OMR", 10)]
    [InlineData("TND", 10)]
    [InlineData("MGA", 100)]
    [InlineData("KRW", 1)]
    [InlineData("JPY", 1)]
    [InlineData("USD", 1)]
    [InlineData("ISK", 1)]
    [InlineData("HUF", 1)]
    [InlineData("IQD", 1)]
    [InlineData("CLF", 1)]
    public void card_payments_move_in_the_charge_step_of_their_currency(string code, long step)
    {
        var currency = Currency.Get(code);

        currency.ChargeStep.ShouldBe(step);
        currency.IsWholeChargeSteps(3 * step).ShouldBeTrue();
        currency.IsWholeChargeSteps((3 * step) + 1).ShouldBe(step == 1);
    }

    [Theory]
    [InlineData("KRW", "₩")]
    [InlineData("USD", "$")]
    [InlineData("EUR", "€")]
    [InlineData("JPY", "¥")]
    [InlineData("GBP", "£")]
    [InlineData("CNY", "CN¥")]
    [InlineData("INR", "₹")]
    [InlineData("VND", "₫")]
    [InlineData("KWD", null)]
    [InlineData("CHF", null)]
    [InlineData("SEK", null)]
    public void currency_has_a_symbol_only_where_it_is_unambiguous(string code, string? symbol)
    {
        Currency.Get(code).Symbol.ShouldBe(symbol);
    }

    [Fact]
    public void no_two_currencies_share_a_symbol()
    {
        var symbols = Currency.All.Where(c => c.Symbol is not null).Select(c => c.Symbol).ToList();

        symbols.Distinct(StringComparer.Ordinal).Count().ShouldBe(symbols.Count);
    }

    [Fact]
    public void unknown_code_is_rejected_with_a_message_naming_it()
    {
        var thrown = Should.Throw<ArgumentException>(() => Currency.Get("ABC"));

        thrown.Message.ShouldContain("'ABC' is not an ISO 4217 currency code");
        thrown.ParamName.ShouldBe("code");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData(" USD")]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    [InlineData("XTS")]
    [InlineData("ZWL")]
    [InlineData("SLL")]
    [InlineData("u\u017Fd")]
    [InlineData("\u0131nr")]
    public void try_get_refuses_codes_without_a_priceable_currency(string? code)
    {
        Currency.TryGet(code, out var currency).ShouldBeFalse();
        currency.ShouldBeNull();
    }

    [Theory]
    [InlineData("krw", "KRW")]
    [InlineData("Usd", "USD")]
    [InlineData("eUR", "EUR")]
    [InlineData("kwd", "KWD")]
    public void lookup_ignores_letter_case_and_stores_upper_case(string input, string code)
    {
        Currency.TryGet(input, out var found).ShouldBeTrue();
        found!.Code.ShouldBe(code);
        Currency.Get(input).Code.ShouldBe(code);
    }

    [Fact]
    public void every_code_is_three_upper_case_ascii_letters()
    {
        foreach (var currency in Currency.All)
        {
            currency.Code.Length.ShouldBe(3, currency.Code);
            currency.Code.All(char.IsAsciiLetterUpper).ShouldBeTrue(currency.Code);
        }
    }

    [Fact]
    public void no_code_appears_twice()
    {
        var codes = Currency.All.Select(c => c.Code).ToList();

        codes.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(codes.Count);
    }

    [Fact]
    public void table_holds_the_whole_active_iso_list()
    {
        Currency.All.Count.ShouldBeInRange(155, 180);
    }

    [Fact]
    public void table_is_ordered_by_code()
    {
        Currency.All.Select(c => c.Code).ShouldBe(Currency.All.Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void exponents_are_the_ones_iso_uses()
    {
        Currency.All.Select(c => c.Exponent).Distinct().Order().ShouldBe([0, 2, 3, 4]);
    }

    [Fact]
    public void named_fields_are_the_table_entries()
    {
        Currency.KRW.ShouldBeSameAs(Currency.Get("KRW"));
        Currency.USD.ShouldBeSameAs(Currency.Get("USD"));
        Currency.EUR.ShouldBeSameAs(Currency.Get("EUR"));
        Currency.JPY.ShouldBeSameAs(Currency.Get("JPY"));
        Currency.GBP.ShouldBeSameAs(Currency.Get("GBP"));
        Currency.KWD.ShouldBeSameAs(Currency.Get("KWD"));
    }

    [Fact]
    public void currencies_are_equal_by_code()
    {
        Currency.Get("usd").ShouldBe(Currency.USD);
        Currency.Get("usd").GetHashCode().ShouldBe(Currency.USD.GetHashCode());
        (Currency.USD == Currency.Get("USD")).ShouldBeTrue();
        (Currency.USD != Currency.EUR).ShouldBeTrue();
        Currency.USD.Equals(null).ShouldBeFalse();
    }
}
