using System.Text.Encodings.Web;
using System.Text.Unicode;

using Fluid;
using Fluid.Values;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>Renders pages through the store's templates: the page's own template, then the layout around it.</summary>
internal sealed class SiteRenderer
{
    // Every value from the store is HTML-encoded on output; Korean and other scripts stay readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly TemplateSet _templates;
    private readonly AssetCatalog _assets;
    private readonly TemplateOptions _options;

    public SiteRenderer(TemplateSet templates, AssetCatalog assets, IReadOnlyDictionary<string, StoreProduct> productsBySku, JsonLd jsonLd)
    {
        _templates = templates;
        _assets = assets;
        _options = new TemplateOptions
        {
            FileProvider = new TemplateFileProvider(templates.Sources),
            // Fluid parses each partial of render and include once and keeps it: named, so a problem in one is
            // reported at its own file.
            TemplateParsed = static (path, template) => new NamedTemplate(TemplateSet.NameOf(path), template),
            MaxRecursion = 20,
        };
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<StoreView>();
        _options.MemberAccessStrategy.Register<LinkView>();
        _options.MemberAccessStrategy.Register<AvailabilityView>();
        _options.MemberAccessStrategy.Register<PaginationView>();
        _options.MemberAccessStrategy.Register<CategoryView>();
        _options.MemberAccessStrategy.Register<PageView>();
        _options.MemberAccessStrategy.Register<ProductView>();
        _options.MemberAccessStrategy.Register<Money>();
        _options.MemberAccessStrategy.Register<ProductView, FluidValue>("description", p => new StringValue(p.DescriptionHtml, encode: false));
        _options.MemberAccessStrategy.Register<ProductView, FluidValue>("json_ld", (p, context) =>
            new StringValue(jsonLd.Product(p, RenderState.Of(context)), encode: false));
        _options.MemberAccessStrategy.Register<PageView, FluidValue>("content", p => new StringValue(p.ContentHtml ?? "", encode: false));
        MoneyFilter.Register(_options.Filters);
        TranslateFilter.Register(_options.Filters);
        UrlFilters.Register(_options.Filters, productsBySku);
    }

    /// <summary>Renders <paramref name="template"/> inside the layout; the values are the template's top-level variables.</summary>
    public async ValueTask<RenderedPage> RenderAsync(string template, LocaleSite site, PageView page, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var state = new RenderState(site, _assets);
        var context = new TemplateContext(_options);
        context.AmbientValues[RenderState.Key] = state;
        context.SetValue("store", site.Store);
        context.SetValue("page", page);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        string html;
        try
        {
            var content = await RenderToStringAsync(_templates.Get(template), context);
            context.SetValue("content_for_layout", new StringValue(content, encode: false));
            html = await RenderToStringAsync(_templates.Get(TemplateSet.Layout), context);
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or FluidException)
        {
            // Fluid's runtime limits (recursion) surface as InvalidOperationException, a partial that is not there as
            // FileNotFoundException, Liquid's other runtime errors as FluidException: reported where they were thrown.
            return new RenderedPage("", state.AssetDependencies, [.. Problems(state), _templates.Locate(state.Template, e)]);
        }

        return new RenderedPage(html, state.AssetDependencies, state.Errors.Count == 0 ? [] : Problems(state));
    }

    // Only for a page that failed: where each problem is written is looked up here, not while rendering.
    private List<RenderProblem> Problems(RenderState state) => state.Errors.Select(_templates.Locate).ToList();

    private static async ValueTask<string> RenderToStringAsync(IFluidTemplate template, TemplateContext context)
    {
        await using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await template.RenderAsync(writer, Encoder, context);
        return writer.ToString();
    }
}

/// <summary>A rendered page, the assets it referenced and any problems its templates ran into.</summary>
internal sealed record RenderedPage(string Html, IReadOnlyCollection<string> AssetDependencies, IReadOnlyList<RenderProblem> Errors);
