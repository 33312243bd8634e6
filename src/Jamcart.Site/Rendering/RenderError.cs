namespace Jamcart.Site;

/// <summary>
/// A problem a filter met while rendering: the template it was called from (null when none was rendering), the filter
/// and the input it refused. Where in the template the call is written is only looked up when the page fails
/// (<see cref="TemplateSet.Locate(RenderError)"/>), so a page that renders pays nothing for it.
/// </summary>
internal sealed record RenderError(string? Template, string Filter, string Input, string Message);
