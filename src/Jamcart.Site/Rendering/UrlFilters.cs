using System.Net;

using Fluid;
using Fluid.Values;

namespace Jamcart.Site;

/// <summary>
/// URL filters: <c>asset_url</c> (fingerprinted), <c>product_url</c>, and <c>script_tag</c> / <c>stylesheet_tag</c>,
/// which emit the element with its Subresource Integrity so the Content-Security-Policy needs no inline allowance.
/// </summary>
internal static class UrlFilters
{
    public static void Register(FilterCollection filters, IReadOnlyDictionary<string, StoreProduct> productsBySku)
    {
        filters.AddFilter("asset_url", AssetUrl);
        filters.AddFilter("script_tag", ScriptTag);
        filters.AddFilter("stylesheet_tag", StylesheetTag);
        filters.AddFilter("product_url", (input, _, context) => ProductUrl(input, context, productsBySku));
    }

    private static ValueTask<FluidValue> AssetUrl(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var path = input.ToStringValue();
        if (path.StartsWith("https://", StringComparison.Ordinal) || path.Length == 0)
        {
            return new StringValue(path);
        }

        return Resolve("asset_url", path, context) is { } asset
            ? new StringValue(RenderState.Of(context).Assets.UrlOf(asset))
            : StringValue.Empty;
    }

    private static ValueTask<FluidValue> ScriptTag(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (Resolve("script_tag", input.ToStringValue(), context) is not { } asset)
        {
            return StringValue.Empty;
        }

        var assets = RenderState.Of(context).Assets;
        var type = arguments.At(0).ToStringValue() is { Length: > 0 } given ? given : "module";
        var html = $"<script type=\"{WebUtility.HtmlEncode(type)}\" src=\"{assets.UrlOf(asset)}\" integrity=\"{assets.IntegrityOf(asset)}\" crossorigin=\"anonymous\"></script>";
        return new StringValue(html, encode: false);
    }

    private static ValueTask<FluidValue> StylesheetTag(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (Resolve("stylesheet_tag", input.ToStringValue(), context) is not { } asset)
        {
            return StringValue.Empty;
        }

        var assets = RenderState.Of(context).Assets;
        var html = $"<link rel=\"stylesheet\" href=\"{assets.UrlOf(asset)}\" integrity=\"{assets.IntegrityOf(asset)}\" crossorigin=\"anonymous\">";
        return new StringValue(html, encode: false);
    }

    private static ValueTask<FluidValue> ProductUrl(FluidValue input, TemplateContext context, IReadOnlyDictionary<string, StoreProduct> productsBySku)
    {
        var state = RenderState.Of(context);
        if (input.ToObjectValue() is ProductView view)
        {
            return new StringValue(view.Url);
        }

        var sku = input.ToStringValue();
        if (productsBySku.TryGetValue(sku, out var product))
        {
            return new StringValue(state.Site.Urls.Product(product.Slug));
        }

        state.Fail("product_url", sku, $"product_url: no product with SKU '{sku}'");
        return StringValue.Empty;
    }

    private static StoreAsset? Resolve(string filter, string path, TemplateContext context)
    {
        var state = RenderState.Of(context);
        var normalized = AssetCatalog.Normalize(path);

        // Recorded even when missing, so that adding the file later re-renders this page.
        state.AssetDependencies.Add(normalized);
        if (state.Assets.TryGet(normalized, out var asset))
        {
            return asset;
        }

        state.Fail(filter, path, $"asset '{path}' does not exist: expected assets/{normalized}");
        return null;
    }
}
