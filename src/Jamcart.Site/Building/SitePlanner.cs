using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// Lists every page of the site in every locale with the hash of all it reads (content, templates,
/// configuration, strings, availability), without rendering anything.
/// </summary>
internal sealed class SitePlanner
{
    private const int FeaturedCount = 8;

    private readonly StoreSource _source;
    private readonly StoreConfig _config;
    private readonly TemplateSet _templates;
    private readonly Lazy<SiteRenderer> _renderer;
    private readonly MarkdownRenderer _markdown;
    private readonly IReadOnlyDictionary<string, Availability> _availability;
    private readonly Hash128 _engine;
    private readonly Hash128[] _summaries;
    private readonly List<List<int>> _members;

    public SitePlanner(StoreSource source, TemplateSet templates, Lazy<SiteRenderer> renderer, IReadOnlyDictionary<string, Availability> availability, Hash128 engine)
    {
        _source = source;
        _config = source.Config!;
        _templates = templates;
        _renderer = renderer;
        _markdown = new MarkdownRenderer(_config.UnsafeHtml);
        _availability = availability;
        _engine = engine;
        Products = source.Products
            .OrderBy(p => p.Product.Weight)
            .ThenBy(p => p.Product.Title, StringComparer.Ordinal)
            .ThenBy(p => p.Sku, StringComparer.Ordinal)
            .ToList();
        _summaries = Products.Select(SummaryHash).ToArray();

        var members = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < Products.Count; i++)
        {
            foreach (var category in Products[i].Product.Categories)
            {
                if (!members.TryGetValue(category, out var list))
                {
                    members[category] = list = [];
                }

                list.Add(i);
            }
        }

        Categories = members.Select(m => (Name: m.Key, Slug: Slugs.From(m.Key))).ToList();
        _members = members.Values.ToList();
    }

    /// <summary>Products in display order: weight, then title, then SKU.</summary>
    public IReadOnlyList<StoreProduct> Products { get; }

    public IReadOnlyList<(string Name, string Slug)> Categories { get; }

    /// <summary>What each product's card shows (<see cref="Products"/>' order): its card data and availability.</summary>
    public IReadOnlyList<Hash128> Summaries => _summaries;

    public Availability AvailabilityOf(StoreProduct product) => _availability[product.Sku];

    /// <summary>What <c>catalog.json</c> of a locale is made from: every product's card data.</summary>
    public Hash128 CatalogHash(LocaleSite site)
    {
        var hash = new InputHash().Add(_engine).Add(site.SharedHash).Add(Products.Count);
        foreach (var summary in _summaries)
        {
            hash.Add(summary);
        }

        return hash.Value;
    }

    public List<LocaleSite> Locales() => _config.Locales.Select(CreateLocale).ToList();

    public IEnumerable<PageJob> Plan(LocaleSite site)
    {
        // Views are made only for pages that are rendered: most builds render few pages or none.
        var views = new Lazy<ProductView>[Products.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var product = Products[i];
            views[i] = new Lazy<ProductView>(() => CreateView(product, site));
        }

        var productBase = Base(site, "product");
        for (var i = 0; i < Products.Count; i++)
        {
            var product = Products[i];
            var view = views[i];
            var availability = AvailabilityOf(product);
            var hash = new InputHash().Add(productBase).Add(product.SourceHash).Add((long)availability.State).Add(availability.LowCount).Value;
            var url = site.Urls.Product(product.Slug);
            yield return Job(site, url, hash, "product", () => Page(site, "product", product.TitleIn(site.Locale), url, product.SummaryIn(site.Locale)), () => [("product", view.Value)]);
        }

        var categoryBase = Base(site, "category");
        for (var c = 0; c < Categories.Count; c++)
        {
            var (name, slug) = Categories[c];
            var members = _members[c];
            var pages = Math.Max(1, (members.Count + _config.PageSize - 1) / _config.PageSize);
            for (var number = 1; number <= pages; number++)
            {
                var slice = members.Skip((number - 1) * _config.PageSize).Take(_config.PageSize).ToArray();
                var url = site.Urls.Category(slug, number);
                var hash = new InputHash().Add(categoryBase).Add(name).Add(number).Add(pages).Add(members.Count);
                foreach (var member in slice)
                {
                    hash.Add(_summaries[member]);
                }

                var page = number;
                var title = number > 1 ? $"{name} ({number}/{pages})" : name;
                yield return Job(site, url, hash.Value, "category", () => Page(site, "category", title, url, null), () =>
                {
                    var pagination = new PaginationView(page, pages,
                        page > 1 ? site.Urls.Category(slug, page - 1) : null,
                        page < pages ? site.Urls.Category(slug, page + 1) : null,
                        Enumerable.Range(1, pages).Select(n => new LinkView(n.ToString(System.Globalization.CultureInfo.InvariantCulture), site.Urls.Category(slug, n), current: n == page)).ToList());
                    return [("category", new CategoryView(name, slug, url, slice.Select(m => views[m].Value).ToList(), pagination, members.Count))];
                });
            }
        }

        var featured = Enumerable.Range(0, Math.Min(FeaturedCount, Products.Count)).ToList();
        var homeHash = new InputHash().Add(Base(site, "home")).Add(Products.Count);
        foreach (var index in featured)
        {
            homeHash.Add(_summaries[index]);
        }

        yield return Job(site, site.Urls.Home, homeHash.Value, "home",
            () => Page(site, "home", _config.Name, site.Urls.Home, _config.Description),
            () => [("products", featured.Select(i => views[i].Value).ToList())]);

        foreach (var page in _source.Pages)
        {
            var url = site.Urls.Page(page.Slug);
            yield return Job(site, url, new InputHash().Add(Base(site, "page")).Add(page.SourceHash).Value, "page",
                () => Page(site, "page", page.Title, url, page.Description, content: _markdown.ToHtml(page.Markdown)), () => []);
        }

        foreach (var (kind, url) in new[] { ("cart", site.Urls.Cart), ("checkout", site.Urls.Checkout), ("order", site.Urls.Order) })
        {
            yield return Job(site, url, Base(site, kind), kind, () => Page(site, kind, site.Strings.Get($"{kind}.title"), url, null, noIndex: true), () => []);
        }

        if (site.Locale == _config.Locale)
        {
            var notFound = new PageView("404", site.Strings.Get("404.title"), site.Urls.Home + "404.html", "", null, true);
            yield return new PageJob("404.html", Base(site, "404"), "404", () => _renderer.Value.RenderAsync("404", site, notFound, []));
        }
    }

    private PageJob Job(LocaleSite site, string url, Hash128 hash, string template, Func<PageView> page, Func<(string Name, object Value)[]> values) =>
        new(site.Urls.FileOf(url), hash, template, () => _renderer.Value.RenderAsync(template, site, page(),
            values().Select(v => new KeyValuePair<string, object?>(v.Name, v.Value))));

    private PageView Page(LocaleSite site, string kind, string title, string url, string? description, bool noIndex = false, string? content = null) =>
        new(kind, title, url, Absolute(url), description, noIndex) { Alternates = Alternates(site, url), ContentHtml = content };

    // Links to the same page in the other locales, for hreflang and the language switch.
    private List<LinkView> Alternates(LocaleSite site, string url)
    {
        var relative = url[site.Urls.Home.Length..];
        return _config.Locales
            .Select(locale => new LinkView(locale, UrlsFor(locale).Home + relative, locale, locale == site.Locale))
            .ToList();
    }

    private string Absolute(string url) => _config.BaseUrl.GetLeftPart(UriPartial.Authority) + url;

    private Hash128 Base(LocaleSite site, string template) => new InputHash()
        .Add(_engine)
        .Add(site.SharedHash)
        .Add(template)
        .Add(_templates.HashOf(template))
        .Add(_templates.HashOf(TemplateSet.Layout))
        .Value;

    // What a product card shows: enough to re-render listings when any of it changes, and only then.
    private Hash128 SummaryHash(StoreProduct product)
    {
        var availability = AvailabilityOf(product);
        return new InputHash().Add(product.CardHash).Add((long)availability.State).Add(availability.LowCount).Value;
    }

    private ProductView CreateView(StoreProduct product, LocaleSite site)
    {
        var categories = product.Product.Categories
            .Select(c => new LinkView(c, site.Urls.Category(Slugs.From(c)), Slugs.From(c)))
            .ToList();
        return new ProductView(product, site.Locale, site.Urls.Product(product.Slug), categories, AvailabilityOf(product), () => product.DescriptionHtml(site.Locale, _markdown.ToHtml));
    }

    private SiteUrls UrlsFor(string locale) =>
        new(_config.BasePath, locale == _config.Locale ? "" : "/" + locale);

    private LocaleSite CreateLocale(string locale)
    {
        var urls = UrlsFor(locale);
        var strings = new UiStrings(locale, _source.Strings.GetValueOrDefault(locale));
        var categories = Categories.Select(c => new LinkView(c.Name, urls.Category(c.Slug), c.Slug)).ToList();
        var pages = _source.Pages.OrderBy(p => p.Slug, StringComparer.Ordinal).Select(p => new LinkView(p.Title, urls.Page(p.Slug), p.Slug)).ToList();
        var locales = _config.Locales.Select(l => new LinkView(l, UrlsFor(l).Home, l, l == locale)).ToList();
        var store = new StoreView
        {
            Name = _config.Name,
            Description = _config.Description,
            Locale = locale,
            DefaultLocale = _config.Locale,
            Currency = _config.Currency.Code,
            BaseUrl = _config.BaseUrl.ToString(),
            Origin = _config.BaseUrl.GetLeftPart(UriPartial.Authority),
            HomeUrl = urls.Home,
            CartUrl = urls.Cart,
            CheckoutUrl = urls.Checkout,
            OrderUrl = urls.Order,
            CatalogUrl = urls.Catalog,
            ApiUrl = _config.BasePath + "/api",
            PaymentProvider = _config.PaymentProvider,
            RequiresShipping = _config.Shipping is not null,
            LowStockThreshold = _config.LowStockThreshold,
            Categories = categories,
            Pages = pages,
            Locales = locales,
        };

        var shared = new InputHash().Add(_source.ConfigHash).Add(locale).Add(strings.Hash);
        foreach (var link in categories.Concat(pages).Concat(locales))
        {
            shared.Add(link.Title).Add(link.Url);
        }

        return new LocaleSite { Locale = locale, Strings = strings, Urls = urls, Store = store, SharedHash = shared.Value };
    }
}
