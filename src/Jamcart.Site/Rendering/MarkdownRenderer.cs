using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Jamcart.Site;

/// <summary>Product descriptions and plain pages from Markdown to HTML, safe by default.</summary>
internal sealed class MarkdownRenderer
{
    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:", "tel:"];
    private readonly MarkdownPipeline _pipeline;

    public MarkdownRenderer(bool allowHtml)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseEmphasisExtras()
            .UsePipeTables()
            .UseListExtras()
            .UseAutoLinks();
        if (!allowHtml)
        {
            // Raw HTML in a description is shown as text: a product file must not be able to inject script.
            builder.DisableHtml();
        }

        _pipeline = builder.Build();
    }

    public string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        Walk(document);
        return document.ToHtml(_pipeline);
    }

    // A plain recursive walk: Markdig's Descendants() allocates an iterator per node, which shows on big stores.
    private static void Walk(Block block)
    {
        switch (block)
        {
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Walk(child);
                }

                break;
            case LeafBlock { Inline: { } inline } leaf:
                // The page has its own h1 (the product's title): descriptions start at h2.
                if (leaf is HeadingBlock titled)
                {
                    titled.Level = Math.Min(6, titled.Level + 1);
                }

                Walk(inline);
                break;
            case HeadingBlock heading:
                heading.Level = Math.Min(6, heading.Level + 1);
                break;
        }
    }

    private static void Walk(ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            // Markdig keeps any URL; a javascript: link would be script by another door.
            if (inline is LinkInline link && !IsSafe(link.Url))
            {
                link.Url = "#";
            }

            if (inline is ContainerInline nested)
            {
                Walk(nested);
            }
        }
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        var relative = colon < 0 || (slash >= 0 && slash < colon);
        return relative || SafeSchemes.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
