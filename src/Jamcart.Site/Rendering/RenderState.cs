using Fluid;

namespace Jamcart.Site;

/// <summary>
/// What one page render can reach from filters: its locale, the record of assets it referenced, which the incremental
/// build uses to re-render the page when one of them changes, and the problems its templates ran into.
/// </summary>
internal sealed class RenderState(LocaleSite site, AssetCatalog assets)
{
    public const string Key = "jamcart";

    public LocaleSite Site => site;
    public AssetCatalog Assets => assets;
    public SortedSet<string> AssetDependencies { get; } = new(StringComparer.Ordinal);
    public List<RenderError> Errors { get; } = [];

    /// <summary>
    /// The template being rendered, page template, layout or partial, by name; null before the first. Set by
    /// <see cref="NamedTemplate"/> as each starts and put back as it ends, but not when it throws, so after an
    /// exception it names the template the exception came from.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>Records that <paramref name="filter"/> could not handle <paramref name="input"/> in the template being rendered.</summary>
    public void Fail(string filter, string input, string message) => Errors.Add(new RenderError(Template, filter, input, message));

    public static RenderState Of(TemplateContext context) => (RenderState)context.AmbientValues[Key];
}
