using System.Globalization;
using System.Text;

namespace Jamcart.Bench.HugoSite;

/// <summary>The site's <c>hugo.toml</c>: what Hugo needs to publish the pages Jamcart publishes, and to skip the ones it does not.</summary>
internal static class HugoConfig
{
    // Hugo 0.128 moved `paginate` and `paginatePath` into a [pagination] table.
    private static readonly Version PaginationTable = new(0, 128);

    public static string Toml(StoreSettings settings, Version hugo)
    {
        var text = new StringBuilder();
        Line(text, $"baseURL = {Quoting.Quote(settings.BaseUrl.TrimEnd('/') + "/")}");
        Line(text, $"languageCode = {Quoting.Quote(settings.Locale)}");
        Line(text, $"defaultContentLanguage = {Quoting.Quote(settings.Locale)}");
        Line(text, $"title = {Quoting.Quote(settings.Name)}");
        // Jamcart publishes no feeds and no /products/ listing; the /categories/ list of terms stays (Hugo's own).
        Line(text, "disableKinds = [\"RSS\", \"section\"]");
        Line(text, "enableRobotsTXT = true");
        Line(text, "disableHugoGeneratorInject = true");
        if (hugo < PaginationTable)
        {
            Line(text, $"paginate = {settings.PageSize}");
            Line(text, "paginatePath = \"page\"");
        }

        Line(text, "");
        if (hugo >= PaginationTable)
        {
            Line(text, "[pagination]");
            Line(text, $"pagerSize = {settings.PageSize}");
            Line(text, "path = \"page\"");
            Line(text, "");
        }

        Line(text, "[taxonomies]");
        Line(text, "category = \"categories\"");
        Line(text, "");
        Line(text, "[params]");
        Line(text, $"description = {Quoting.Quote(settings.Description ?? "")}");
        Line(text, $"currency = {Quoting.Quote(settings.Currency)}");
        Line(text, $"lowStockThreshold = {settings.LowStockThreshold}");
        Line(text, "");
        // The Markdown features Jamcart's Markdig pipeline has, and no others: typographer, footnotes and
        // heading ids would be work Jamcart does not do.
        Line(text, "[markup.goldmark.extensions]");
        Line(text, "definitionList = false");
        Line(text, "footnote = false");
        Line(text, "linkify = true");
        Line(text, "strikethrough = true");
        Line(text, "table = true");
        Line(text, "taskList = false");
        Line(text, "typographer = false");
        Line(text, "[markup.goldmark.parser]");
        Line(text, "autoHeadingID = false");
        Line(text, "[markup.goldmark.renderer]");
        Line(text, "unsafe = false");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
