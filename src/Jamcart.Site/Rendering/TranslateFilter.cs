using Fluid;
using Fluid.Values;

namespace Jamcart.Site;

/// <summary><c>{{ 'cart.title' | t }}</c> and <c>{{ 'product.only_left' | t: count }}</c>: the page locale's UI string.</summary>
internal static class TranslateFilter
{
    public static void Register(FilterCollection filters) => filters.AddFilter("t", Translate);

    private static ValueTask<FluidValue> Translate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var strings = RenderState.Of(context).Site.Strings;
        var values = new string[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments.At(i).ToStringValue();
        }

        return new StringValue(strings.Get(input.ToStringValue(), values));
    }
}
