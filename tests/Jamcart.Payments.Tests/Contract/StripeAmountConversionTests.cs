using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe;

using Shouldly;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The adapter's side of the amount contract: Jamcart's ISO minor units become the integer Stripe charges, and back,
/// without a factor of 100 ever slipping in (invariant I1).
/// </summary>
public sealed class StripeAmountConversionTests
{
    [Theory]
    [InlineData("USD", 1250, 1250)]
    [InlineData("KRW", 12000, 12000)]
    [InlineData("JPY", 500, 500)]
    [InlineData("KWD", 5120, 5120)]
    [InlineData("HUF", 17550, 17550)]
    [InlineData("TWD", 80045, 80045)]
    [InlineData("ISK", 5, 500)]
    [InlineData("UGX", 5000, 500000)]
    [InlineData("MGA", 500000, 5000)]
    public void jamcart_minor_units_become_the_integer_stripe_charges_and_back(string code, long minor, long stripeAmount)
    {
        var amount = new Money(minor, Currency.Get(code));

        StripeAmounts.ToStripe(amount).ShouldBe(stripeAmount);
        StripeAmounts.FromStripe(stripeAmount, code.ToLowerInvariant()).ShouldBe(amount);
    }

    [Fact]
    public void an_amount_stripe_cannot_charge_exactly_is_refused_not_rounded()
    {
        var rejected = Should.Throw<PaymentRequestRejectedException>(() => StripeAmounts.ToStripe(new Money(500_050, Currency.Get("MGA"))));

        rejected.Code.ShouldBe("amount_not_representable");
        rejected.Param.ShouldBe("amount");
    }

    [Theory]
    [InlineData("CLF")]
    [InlineData("IQD")]
    [InlineData("LYD")]
    [InlineData("UYW")]
    public void a_currency_without_a_documented_stripe_unit_is_refused(string code)
    {
        Should.Throw<PaymentRequestRejectedException>(() => StripeAmounts.ToStripe(new Money(1000, Currency.Get(code))))
            .Code.ShouldBe("currency_not_supported");
    }

    [Theory]
    [InlineData(1234, "isk")]
    [InlineData(10, "xts")]
    [InlineData(10, null)]
    public void a_stripe_amount_jamcart_cannot_represent_is_not_read(long stripeAmount, string? currency)
    {
        StripeAmounts.TryFromStripe(stripeAmount, currency, out _).ShouldBeFalse();
    }

    [Fact]
    public void converting_an_amount_too_large_for_stripes_unit_is_refused_not_wrapped()
    {
        Should.Throw<PaymentRequestRejectedException>(() => StripeAmounts.ToStripe(new Money(long.MaxValue / 10, Currency.Get("ISK"))))
            .Code.ShouldBe("amount_too_large");
    }

    [Theory]
    [InlineData("Amount must be at least $0.50 usd", "USD", 50)]
    [InlineData("Amount must be at least ¥50 jpy", "JPY", 50)]
    [InlineData("Amount must be at least Ft175.00 huf", "HUF", 17500)]
    [InlineData("Amount must be at least 0.150 kwd", "KWD", 150)]
    [InlineData("Amount must be at least kr63.00 isk", "ISK", 63)]
    public void the_minimum_stated_in_stripes_message_is_read_in_jamcart_minor_units(string message, string code, long limit)
    {
        StripeErrorTranslator.LimitOf("amount_too_small", message, Currency.Get(code)).ShouldBe(limit);
    }

    [Fact]
    public void a_minimum_stated_in_the_settlement_currency_is_not_taken_for_the_charges()
    {
        const string message = "Amount must convert to at least 50 cents. ₩100 converts to approximately $0.07.";

        StripeErrorTranslator.LimitOf("amount_too_small", message, Currency.KRW).ShouldBeNull();
    }

    [Fact]
    public void a_minimum_in_another_currency_than_the_charges_falls_back_to_the_published_table()
    {
        StripeErrorTranslator.LimitOf("amount_too_small", "Amount must be at least $0.50 usd", Currency.EUR).ShouldBe(50);
        StripeErrorTranslator.LimitOf("amount_too_small", "Amount must be at least $0.50 usd", Currency.KWD).ShouldBeNull();
    }

    [Fact]
    public void the_maximum_stated_in_stripes_message_is_read()
    {
        StripeErrorTranslator.LimitOf("amount_too_large", "Amount must be no more than $999,999.99 usd", Currency.USD).ShouldBe(99_999_999);
    }
}
