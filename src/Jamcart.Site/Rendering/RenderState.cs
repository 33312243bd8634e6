using Fluid;

namespace Jamcart.Site;

/// <summary>
/// What one page render can reach from filters: its locale, and the record of assets it referenced,
/// which the incremental build uses to re-render the page when one of them changes.
/// </summary>
internal sealed class RenderState(LocaleSite site, AssetCatalog assets)
{
    public const string Key = "jamcart";

    public LocaleSite Site => site;
    public AssetCatalog Assets => assets;
    public SortedSet<string> AssetDependencies { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];

    public static RenderState Of(TemplateContext context) => (RenderState)context.AmbientValues[Key];
}
