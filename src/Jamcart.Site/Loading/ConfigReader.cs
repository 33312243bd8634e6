using System.Globalization;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>Reads and validates <c>jamcart.yml</c>.</summary>
internal static class ConfigReader
{
    public const string FileName = "jamcart.yml";

    private static readonly string[] TopLevelKeys =
    [
        "name", "baseUrl", "currency", "locale", "locales", "description", "lowStockThreshold",
        "pageSize", "markdown", "shipping", "tax", "payments", "database",

        // Read by the receipt sender, not by the build: known here so that a build does not warn about it.
        "receipts",
    ];

    /// <param name="knownLocales">Locales with UI strings: the built-in ones and the store's <c>i18n/</c> files.</param>
    public static StoreConfig? Read(string text, IReadOnlyCollection<string> knownLocales, DiagnosticBag diagnostics)
    {
        var mapping = YamlDocument.ParseMapping(text, FileName, 0, diagnostics);
        if (mapping is null)
        {
            return null;
        }

        var fields = new YamlFields(mapping, FileName, 0, diagnostics);
        fields.WarnUnknownKeys(TopLevelKeys, FileName);

        var name = fields.String("name", required: true);
        var baseUrl = ReadBaseUrl(fields);
        var currency = ReadCurrency(fields);
        var (locale, locales) = ReadLocales(fields, knownLocales);
        var lowStock = (int)(fields.Integer("lowStockThreshold", 0, 1_000_000) ?? 5);
        var pageSize = (int)(fields.Integer("pageSize", 1, 1000) ?? 24);
        var unsafeHtml = ReadMarkdown(fields);
        var shipping = currency is null ? null : ReadShipping(fields, currency);
        var tax = ReadTax(fields);
        var provider = ReadPayments(fields);

        if (name is null || baseUrl is null || currency is null || locale is null)
        {
            return null;
        }

        return new StoreConfig(name, baseUrl, currency, locale, locales, fields.String("description"),
            lowStock, pageSize, unsafeHtml, shipping, tax, provider)
        {
            Database = fields.String("database"),
            DatabaseAt = fields.Node("database") is { } at ? (fields.Line(at), fields.Column(at)) : null,
        };
    }

    private static Uri? ReadBaseUrl(YamlFields fields)
    {
        var text = fields.String("baseUrl", required: true);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            fields.Error(fields.Node("baseUrl"), $"'baseUrl' must be an absolute http(s) URL such as https://shop.example.com, not '{text}'");
            return null;
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    private static Currency? ReadCurrency(YamlFields fields)
    {
        var code = fields.String("currency", required: true);
        if (code is null)
        {
            return null;
        }

        if (Currency.TryGet(code, out var currency))
        {
            return currency;
        }

        fields.Error(fields.Node("currency"), $"'{code}' is not an ISO 4217 currency code{Suggestions.Hint(code.ToUpperInvariant(), Currency.All.Select(c => c.Code))}");
        return null;
    }

    private static (string? Locale, IReadOnlyList<string> Locales) ReadLocales(YamlFields fields, IReadOnlyCollection<string> known)
    {
        var locale = fields.String("locale") ?? "en";
        var ok = CheckLocale(fields, fields.Node("locale"), locale, known);
        var listed = fields.StringList("locales");
        var locales = new List<string> { locale };
        foreach (var (value, node) in listed)
        {
            ok &= CheckLocale(fields, node, value, known);
            if (!locales.Contains(value, StringComparer.Ordinal))
            {
                locales.Add(value);
            }
        }

        if (listed.Count > 0 && listed[0].Value != locale)
        {
            fields.Error(listed[0].Node, $"the first of 'locales' is the default and must equal 'locale' ({locale})");
            ok = false;
        }

        return ok ? (locale, locales) : (null, locales);
    }

    private static bool CheckLocale(YamlFields fields, YamlDotNet.RepresentationModel.YamlNode? node, string value, IReadOnlyCollection<string> known)
    {
        if (known.Contains(value))
        {
            return true;
        }

        fields.Error(node, $"no UI strings for locale '{value}': use one of {string.Join(", ", known.Order(StringComparer.Ordinal))}, or add i18n/{value}.yml{Suggestions.Hint(value, known)}");
        return false;
    }

    private static bool ReadMarkdown(YamlFields fields)
    {
        var markdown = fields.Mapping("markdown");
        markdown?.WarnUnknownKeys(["unsafeHtml"], "markdown");
        return markdown?.Boolean("unsafeHtml") ?? false;
    }

    private static ShippingConfig? ReadShipping(YamlFields fields, Currency currency)
    {
        // Physical goods are the default; `shipping: false` declares a digital-only store.
        if (fields.Node("shipping") is YamlDotNet.RepresentationModel.YamlScalarNode && fields.Boolean("shipping") == false)
        {
            return null;
        }

        var shipping = fields.Mapping("shipping");
        if (shipping is null)
        {
            return new ShippingConfig(Money.Zero(currency), null, []);
        }

        shipping.WarnUnknownKeys(["flatRate", "freeOver", "countries"], "shipping");
        var flat = ReadAmount(shipping, "flatRate", currency) ?? Money.Zero(currency);
        var freeOver = ReadAmount(shipping, "freeOver", currency);
        var countries = new List<string>();
        foreach (var (value, node) in shipping.StringList("countries"))
        {
            // A code no country has would refuse every buyer who gives it (checkout takes assigned codes only):
            // UK for GB is the common slip.
            if (Countries.IsAssigned(value))
            {
                countries.Add(value);
            }
            else
            {
                shipping.Error(node, $"'{value}' is not an ISO 3166-1 alpha-2 country code such as KR or US{(value == "UK" ? " (the United Kingdom's is GB)" : "")}");
            }
        }

        return new ShippingConfig(flat, freeOver, countries);
    }

    private static Money? ReadAmount(YamlFields fields, string key, Currency currency)
    {
        var text = fields.String(key);
        if (text is null)
        {
            return null;
        }

        if (MoneyParser.TryParse(text, currency, out var money, out var error))
        {
            return money;
        }

        fields.Error(fields.Node(key), $"'{key}': {error}");
        return null;
    }

    private static TaxConfig ReadTax(YamlFields fields)
    {
        var tax = fields.Mapping("tax");
        if (tax is null)
        {
            return new TaxConfig(0, Inclusive: true);
        }

        tax.WarnUnknownKeys(["rate", "inclusive"], "tax");
        var inclusive = tax.Boolean("inclusive") ?? true;
        var text = tax.String("rate");
        if (text is null)
        {
            return new TaxConfig(0, inclusive);
        }

        // A percentage with up to 4 decimals (8.875 %), kept as an integer number of parts per million.
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent is >= 0 and <= 100 && decimal.Round(percent, 4) == percent)
        {
            return new TaxConfig((long)(percent * 10_000), inclusive);
        }

        tax.Error(tax.Node("rate"), $"'rate' must be a percentage between 0 and 100 with at most 4 decimals, like 10 or 8.875, not '{text}'");
        return new TaxConfig(0, inclusive);
    }

    private static string ReadPayments(YamlFields fields)
    {
        var payments = fields.Mapping("payments");
        if (payments is null)
        {
            return "sandbox";
        }

        payments.WarnUnknownKeys(["provider", "publishableKey"], "payments");
        var provider = payments.String("provider") ?? "sandbox";
        if (provider is "sandbox" or "stripe")
        {
            return provider;
        }

        payments.Error(payments.Node("provider"), $"unknown payment provider '{provider}': use sandbox or stripe{Suggestions.Hint(provider, ["sandbox", "stripe"])}");
        return "sandbox";
    }
}
