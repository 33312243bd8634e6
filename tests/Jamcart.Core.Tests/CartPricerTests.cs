using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Shouldly;

namespace Jamcart.Core.Tests;

public class CartPricerTests
{
    private static readonly TaxRule KoreanVat = new(100_000, Inclusive: true);

    [Fact]
    public void api_example_prices_exactly_as_the_contract_shows()
    {
        // docs/api.md: two teas at ₩12,000, ₩3,000 shipping, 10 % VAT included → tax ₩2,455 of ₩27,000.
        var rules = new PricingRules(Currency.KRW, new ShippingRule(new Money(3000, Currency.KRW), new Money(50_000, Currency.KRW), ["KR"]), KoreanVat);

        var cart = CartPricer.Price([Line("TEA-001", 2, 12_000, Currency.KRW)], rules);

        cart.Subtotal.ShouldBe(new Money(24_000, Currency.KRW));
        cart.Shipping.ShouldBe(new Money(3000, Currency.KRW));
        cart.Discount.ShouldBe(Money.Zero(Currency.KRW));
        cart.Tax.ShouldBe(new Money(2455, Currency.KRW));
        cart.TaxInclusive.ShouldBeTrue();
        cart.Total.ShouldBe(new Money(27_000, Currency.KRW));
    }

    [Theory]
    [InlineData(49_999, 3000)]
    [InlineData(50_000, 0)]
    [InlineData(120_000, 0)]
    public void shipping_is_free_from_the_threshold_on(long goods, long shipping)
    {
        var rules = new PricingRules(Currency.KRW, new ShippingRule(new Money(3000, Currency.KRW), new Money(50_000, Currency.KRW), []), TaxRule.None);

        var cart = CartPricer.Price([Line("A", 1, goods, Currency.KRW)], rules);

        cart.Shipping.Minor.ShouldBe(shipping);
        cart.Total.Minor.ShouldBe(goods + shipping);
    }

    [Fact]
    public void a_digital_store_charges_no_shipping()
    {
        var cart = CartPricer.Price([Line("EBOOK", 1, 1500, Currency.USD)], new PricingRules(Currency.USD, null, TaxRule.None));

        cart.Shipping.ShouldBe(Money.Zero(Currency.USD));
        cart.Total.Minor.ShouldBe(1500);
    }

    // Rounding is to the nearest minor unit of each currency, halves up, once per order on goods and shipping, where
    // a card payment can be made of any number of minor units.
    [Theory]
    [InlineData("KRW", 27_000, 100_000, true, 2455, 27_000)]     // 2454.54… → 2455
    [InlineData("KRW", 11, 100_000, true, 1, 11)]                // 1.0 exactly
    [InlineData("KRW", 16, 100_000, true, 1, 16)]                // 1.45… → 1
    [InlineData("KRW", 17, 100_000, true, 2, 17)]                // 1.545… → 2
    [InlineData("USD", 2700, 88_750, false, 240, 2940)]          // 239.625 → 240
    [InlineData("USD", 1000, 62_500, false, 63, 1063)]           // 62.5 → 63 (half up)
    [InlineData("USD", 999, 70_000, false, 70, 1069)]            // 69.93 → 70
    [InlineData("JPY", 1080, 80_000, true, 80, 1080)]            // 80 exactly
    [InlineData("EUR", 1, 190_000, false, 0, 1)]                 // 0.19 → 0
    [InlineData("EUR", 3, 190_000, false, 1, 4)]                 // 0.57 → 1
    public void tax_rounds_to_the_nearest_minor_unit_halves_up(string code, long goods, long ratePpm, bool inclusive, long tax, long total)
    {
        var currency = Currency.Get(code);
        var rules = new PricingRules(currency, null, new TaxRule(ratePpm, inclusive));

        var cart = CartPricer.Price([Line("A", 1, goods, currency)], rules);

        cart.Tax.ShouldBe(new Money(tax, currency));
        cart.Total.ShouldBe(new Money(total, currency));
        cart.TaxInclusive.ShouldBe(inclusive);
    }

    // Card payments in the three-decimal currencies end in 0 and MGA is charged in whole ariary, so tax there rounds to
    // the nearest 10 fils (100 for MGA), halves up. Shipping is flat, goods × 1; figures in minor units, worked by hand.
    [Theory]
    [InlineData("KWD", 10_000, 1500, 88_750, false, 1020, 12_520)]  // 11.500 × 8.875 % = 1.020625 → 1.020
    [InlineData("KWD", 10_000, 1500, 88_750, true, 940, 11_500)]    // 11.500 × 8.875 ÷ 108.875 = 0.93742… → 0.940
    [InlineData("KWD", 1250, 0, 50_000, false, 60, 1310)]           // 62.5 fils → 60
    [InlineData("KWD", 1250, 0, 50_000, true, 60, 1250)]            // 59.52… fils → 60
    [InlineData("KWD", 500, 0, 50_000, false, 30, 530)]             // 25 fils, half a step → 30 (half up)
    [InlineData("KWD", 490, 0, 50_000, false, 20, 510)]             // 24.5 fils → 20
    [InlineData("BHD", 2340, 0, 100_000, false, 230, 2570)]         // 234 fils → 230
    [InlineData("BHD", 1000, 500, 100_000, true, 140, 1500)]        // 1.500 × 10 ÷ 110 = 0.13636… → 0.140
    [InlineData("JOD", 3250, 0, 160_000, false, 520, 3770)]         // 520 fils exactly
    [InlineData("OMR", 4200, 0, 50_000, true, 200, 4200)]           // 200 baisa exactly
    [InlineData("TND", 1990, 0, 190_000, false, 380, 2370)]         // 378.1 millimes → 380
    [InlineData("MGA", 12_300, 0, 200_000, false, 2500, 14_800)]    // Ar 24.60 → Ar 25
    public void tax_rounds_to_the_charge_step_so_the_total_can_be_charged(
        string code, long goods, long shipping, long ratePpm, bool inclusive, long tax, long total)
    {
        var currency = Currency.Get(code);
        var rules = new PricingRules(currency, new ShippingRule(new Money(shipping, currency), null, []), new TaxRule(ratePpm, inclusive));

        var cart = CartPricer.Price([Line("A", 1, goods, currency)], rules);

        cart.Tax.ShouldBe(new Money(tax, currency));
        cart.Total.ShouldBe(new Money(total, currency));
        currency.IsWholeChargeSteps(cart.Total.Minor).ShouldBeTrue();
    }

    [Fact]
    public void free_shipping_from_a_threshold_keeps_a_kwd_total_in_whole_steps()
    {
        // 3 × 4.250 = 12.750 reaches the 12.000 threshold: no shipping; 12.750 × 8.875 % = 1.1315625 → 1.130.
        var rules = new PricingRules(
            Currency.KWD,
            new ShippingRule(new Money(1500, Currency.KWD), new Money(12_000, Currency.KWD), []),
            new TaxRule(88_750, Inclusive: false));

        var cart = CartPricer.Price([Line("A", 3, 4250, Currency.KWD)], rules);

        (cart.Subtotal.Minor, cart.Shipping.Minor, cart.Tax.Minor, cart.Total.Minor).ShouldBe((12_750L, 0L, 1130L, 13_880L));
    }

    [Fact]
    public void tax_applies_to_shipping_too()
    {
        var rules = new PricingRules(Currency.USD, new ShippingRule(new Money(500, Currency.USD), null, []), new TaxRule(100_000, Inclusive: false));

        var cart = CartPricer.Price([Line("A", 1, 1000, Currency.USD)], rules);

        cart.Tax.Minor.ShouldBe(150);
        cart.Total.Minor.ShouldBe(1650);
    }

    [Fact]
    public void lines_add_up_to_the_subtotal()
    {
        var cart = CartPricer.Price(
            [Line("A", 3, 1250, Currency.USD), Line("B", 1, 99, Currency.USD)],
            new PricingRules(Currency.USD, null, TaxRule.None));

        cart.Lines.Select(l => l.Amount.Minor).ShouldBe([3750, 99]);
        cart.Subtotal.Minor.ShouldBe(3849);
    }

    [Fact]
    public void a_line_in_another_currency_is_refused()
    {
        var thrown = Should.Throw<ArgumentException>(() =>
            CartPricer.Price([Line("A", 1, 100, Currency.USD)], new PricingRules(Currency.KRW, null, TaxRule.None)));

        thrown.Message.ShouldContain("USD");
    }

    [Fact]
    public void an_empty_cart_is_refused()
    {
        Should.Throw<ArgumentException>(() => CartPricer.Price([], new PricingRules(Currency.KRW, null, TaxRule.None)));
    }

    [Fact]
    public void a_total_past_long_max_throws_instead_of_wrapping()
    {
        Should.Throw<OverflowException>(() =>
            CartPricer.Price([Line("A", 99, long.MaxValue / 50, Currency.KRW)], new PricingRules(Currency.KRW, null, TaxRule.None)));
    }

    [Property(Arbitrary = [typeof(Carts)], MaxTest = 2000)]
    public void totals_hold_together(PricingCase sample)
    {
        var cart = CartPricer.Price(sample.Lines, sample.Rules);
        var taxable = cart.Subtotal.Minor + cart.Shipping.Minor - cart.Discount.Minor;

        cart.Subtotal.Minor.ShouldBe(sample.Lines.Sum(l => l.UnitPrice.Minor * l.Quantity));
        cart.Tax.Minor.ShouldBeGreaterThanOrEqualTo(0);
        if (cart.TaxInclusive)
        {
            cart.Total.Minor.ShouldBe(taxable);
            cart.Tax.Minor.ShouldBeLessThanOrEqualTo(cart.Total.Minor);
        }
        else
        {
            cart.Total.Minor.ShouldBe(taxable + cart.Tax.Minor);
        }

        // The rounded tax is within half a charge step of the exact figure, and in whole steps like everything else.
        var currency = sample.Rules.Currency;
        var rate = sample.Rules.Tax.RatePpm;
        var exact = cart.TaxInclusive ? (decimal)taxable * rate / (1_000_000m + rate) : (decimal)taxable * rate / 1_000_000m;
        Math.Abs(cart.Tax.Minor - exact).ShouldBeLessThanOrEqualTo(currency.ChargeStep / 2m);
        currency.IsWholeChargeSteps(cart.Tax.Minor).ShouldBeTrue();
        currency.IsWholeChargeSteps(cart.Total.Minor).ShouldBeTrue();
    }

    private static CartLine Line(string sku, int quantity, long unit, Currency currency) => new(sku, sku, quantity, new Money(unit, currency));

    public sealed record PricingCase(IReadOnlyList<CartLine> Lines, PricingRules Rules)
    {
        public override string ToString() =>
            $"{Rules.Currency.Code} tax {Rules.Tax.RatePpm}ppm inclusive={Rules.Tax.Inclusive}: " + string.Join(", ", Lines.Select(l => $"{l.Quantity}×{l.UnitPrice.Minor}"));
    }

    public static class Carts
    {
        public static Arbitrary<PricingCase> Cases()
        {
            var line = from quantity in Gen.Choose(1, 99)
                       from unit in Gen.Choose(0, 10_000_000)
                       select (quantity, (long)unit);
            // Prices and shipping in whole charge steps, as a store that builds has them.
            return (from currency in Gen.Elements(Currency.KRW, Currency.USD, Currency.KWD, Currency.Get("BHD"), Currency.JPY, Currency.EUR, Currency.Get("MGA"))
                    from lines in Gen.NonEmptyListOf(line)
                    from rate in Gen.Elements(0L, 50_000L, 88_750L, 100_000L, 200_000L, 270_000L)
                    from inclusive in ArbMap.Default.GeneratorFor<bool>()
                    from flat in Gen.Choose(0, 10_000)
                    select new PricingCase(
                        lines.Take(50).Select((l, i) => new CartLine($"S{i}", $"S{i}", l.quantity, new Money(l.Item2 * currency.ChargeStep, currency))).ToList(),
                        new PricingRules(currency, new ShippingRule(new Money(flat * currency.ChargeStep, currency), null, []), new TaxRule(rate, inclusive))))
                .ToArbitrary();
        }
    }
}
