using System.Text.Encodings.Web;

using Fluid;

namespace Jamcart.Site;

/// <summary>
/// A parsed template that keeps its name in <see cref="RenderState.Template"/> while it renders, so a filter that fails,
/// or a Fluid exception, can be reported at the template it comes from, a partial's own file included. This is all a
/// successful render pays for error positions: two field writes per template rendered; where in the template the
/// failing call is written is only looked up once a page has failed (<see cref="TemplateSet.Locate(RenderError)"/>).
/// </summary>
internal sealed class NamedTemplate(string name, IFluidTemplate template) : IFluidTemplate
{
    public string Name => name;

    public ValueTask RenderAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        if (!context.AmbientValues.TryGetValue(RenderState.Key, out var value) || value is not RenderState state)
        {
            return template.RenderAsync(writer, encoder, context);
        }

        var outer = state.Template;
        state.Template = name;
        var rendering = template.RenderAsync(writer, encoder, context);
        if (!rendering.IsCompletedSuccessfully)
        {
            return Awaited(rendering, state, outer);
        }

        rendering.GetAwaiter().GetResult();
        state.Template = outer;
        return default;
    }

    // Not in a finally: a template that throws stays named, so the renderer can tell where the exception came from.
    private static async ValueTask Awaited(ValueTask rendering, RenderState state, string? outer)
    {
        await rendering;
        state.Template = outer;
    }
}
