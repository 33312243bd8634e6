using Fluid;
using Fluid.Values;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// <c>{{ product.price | money }}</c>: currency-correct formatting in the page's locale (₩12,000, $12.50).
/// Replaces Fluid's own <c>money</c>, which assumes two decimals and a single currency.
/// </summary>
internal static class MoneyFilter
{
    public static void Register(FilterCollection filters) => filters.AddFilter("money", Money);

    private static ValueTask<FluidValue> Money(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var state = RenderState.Of(context);
        var money = input.ToObjectValue() switch
        {
            Core.Money value => value,
            // A bare number is minor units of the store's currency, like Stripe amounts.
            _ when input.Type == FluidValues.Number => new Core.Money((long)input.ToNumberValue(), Currency.Get(state.Site.Store.Currency)),
            _ => (Core.Money?)null,
        };

        return money is null
            ? StringValue.Empty
            : new StringValue(MoneyFormatter.Format(money.Value, state.Site.Locale));
    }
}
