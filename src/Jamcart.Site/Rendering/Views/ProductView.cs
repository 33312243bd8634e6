using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product as templates read it (<c>product.title</c>, <c>product.price | money</c>, …), in one locale.</summary>
public sealed class ProductView
{
    private readonly Lazy<string> _description;

    private readonly string _locale;

    internal ProductView(StoreProduct source, string locale, string url, IReadOnlyList<LinkView> categories, Availability availability, Func<string> description)
    {
        Source = source;
        _locale = locale;
        Url = url;
        Categories = categories;
        Availability = new AvailabilityView(availability);
        AvailabilityValue = availability;
        _description = new Lazy<string>(description, LazyThreadSafetyMode.PublicationOnly);
    }

    internal StoreProduct Source { get; }
    internal Availability AvailabilityValue { get; }

    public string Sku => Source.Product.Sku;
    public string Title => Source.TitleIn(_locale);
    public string Slug => Source.Slug;
    public string Url { get; }
    public string? Summary => Source.SummaryIn(_locale);
    public Money Price => Source.Product.Price;
    public long PriceMinor => Source.Product.Price.Minor;
    public string Currency => Source.Product.Price.Currency.Code;
    public IReadOnlyList<string> Images => Source.Product.Images;
    public string? Image => Source.Product.Images.Count > 0 ? Source.Product.Images[0] : null;
    public IReadOnlyList<LinkView> Categories { get; }
    public AvailabilityView Availability { get; }

    /// <summary>The description rendered from Markdown to HTML, only when a template asks for it.</summary>
    internal string DescriptionHtml => _description.Value;
}
