using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

using Fluid;
using Fluid.Values;

using Jamcart.Checkout.Orders;
using Jamcart.Core;
using Jamcart.Site;

using MimeKit;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// Renders a paid order's receipt from the store's <c>receipt.html.liquid</c> and <c>receipt.txt.liquid</c> (the default
/// theme's unless the store overrides them) in the order's language, with the same <c>money</c> and <c>t</c> filters as
/// the site's pages. The order token never reaches a template: the order page cannot open without it, so the receipt
/// links to the shop, not to the order.
/// </summary>
public sealed class ReceiptRenderer
{
    public const string HtmlTemplate = "receipt.html";
    public const string TextTemplate = "receipt.txt";

    private const string StateKey = "receipt";

    // Every value from the store and the order is HTML-encoded in the HTML part; Korean and other scripts stay readable.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly Lazy<FluidParser> Parser = new(() => new FluidParser(new FluidParserOptions { AllowFunctions = false }));

    private readonly StoreConfig _config;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _strings;
    private readonly IFluidTemplate _html;
    private readonly IFluidTemplate _text;
    private readonly MailboxAddress _from;
    private readonly TemplateOptions _options;

    private ReceiptRenderer(StoreConfig config, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings,
        IFluidTemplate html, IFluidTemplate text, MailboxAddress from)
    {
        _config = config;
        _strings = strings;
        _html = html;
        _text = text;
        _from = from;
        _options = new TemplateOptions { MaxRecursion = 20, CultureInfo = CultureInfo.InvariantCulture };
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<ReceiptView>();
        _options.MemberAccessStrategy.Register<ReceiptLineView>();
        _options.MemberAccessStrategy.Register<ReceiptStoreView>();
        _options.MemberAccessStrategy.Register<Money>();
        _options.Filters.AddFilter("money", FormatMoney);
        _options.Filters.AddFilter("t", Translate);
    }

    /// <summary>Reads the store folder's settings, strings and receipt templates.</summary>
    /// <param name="from">The From address (<c>receipts.from</c> in jamcart.yml).</param>
    /// <exception cref="ReceiptRenderException">The store or a template is broken, or <paramref name="from"/> is not an address.</exception>
    public static ReceiptRenderer Load(string storeRoot, string from)
    {
        var source = StoreLoader.Load(storeRoot);
        var config = source.Config
            ?? throw new ReceiptRenderException("the store's jamcart.yml has errors ('jamcart build' says which); receipts wait until it is fixed");
        if (!MailboxAddress.TryParse(from, out var sender) || sender.Domain.Length == 0)
        {
            throw new ReceiptRenderException("receipts.from in jamcart.yml is not an e-mail address");
        }

        sender.Name = config.Name;
        return new ReceiptRenderer(config, source.Strings, Parse(source, HtmlTemplate), Parse(source, TextTemplate), sender);
    }

    /// <summary>The receipt of <paramref name="order"/>: a text and an HTML part, a Message-ID that every resend repeats.</summary>
    /// <exception cref="ReceiptDeliveryException">The order's address cannot be written to (permanent: it will not get better).</exception>
    public async Task<MimeMessage> RenderAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!MailboxAddress.TryParse(order.Email, out var to) || to.Domain.Length == 0)
        {
            throw new ReceiptDeliveryException("the order's e-mail address does not parse", permanent: true);
        }

        var locale = _config.Locales.Contains(order.Locale, StringComparer.Ordinal) ? order.Locale : _config.Locale;
        var strings = new UiStrings(locale, _strings.GetValueOrDefault(locale));
        var receipt = ViewOf(order, locale);
        var store = new ReceiptStoreView(_config.Name, _config.BaseUrl.AbsoluteUri);

        var message = new MimeMessage();
        message.From.Add(_from.Clone());
        message.To.Add(to);
        message.Subject = OneLine(strings.Get("receipt.subject", _config.Name, order.Id));
        // Fixed by the order, so a receipt sent again (after a crash between the server's 250 and the outbox mark)
        // is the same message to every mail program, which shows it once.
        message.MessageId = $"receipt.{order.Id}@{_from.Domain}";
        message.Date = order.PaidAt ?? order.UpdatedAt;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder
        {
            TextBody = await RenderAsync(_text, NullEncoder.Default, receipt, store, strings),
            HtmlBody = await RenderAsync(_html, Html, receipt, store, strings),
        };
        message.Body = body.ToMessageBody();
        // A Content-* header belongs to the body in MIME: one set on the message before the body would be dropped.
        message.Body.Headers.Add(HeaderId.ContentLanguage, locale);
        return message;
    }

    private async Task<string> RenderAsync(IFluidTemplate template, TextEncoder encoder, ReceiptView receipt, ReceiptStoreView store, UiStrings strings)
    {
        var context = new TemplateContext(_options);
        context.AmbientValues[StateKey] = new RenderState(strings, _config.Currency);
        context.SetValue("receipt", receipt);
        context.SetValue("store", store);
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    private static ReceiptView ViewOf(Order order, string locale) => new(
        order.Id,
        locale,
        (order.PaidAt ?? order.UpdatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        [.. order.Lines.Select(line => new ReceiptLineView(line.Sku, line.Title, line.Quantity, line.UnitPrice, line.Amount))],
        order.Subtotal,
        order.Discount,
        order.Shipping,
        order.Tax,
        order.TaxInclusive,
        order.Total);

    private static IFluidTemplate Parse(StoreSource source, string name)
    {
        var text = source.Templates.GetValueOrDefault(name) ?? ThemeTemplate(name);
        return Parser.Value.TryParse(text, out var template, out var error)
            ? template
            : throw new ReceiptRenderException($"templates/{name}.liquid does not parse: {error}");
    }

    // The default theme ships inside the site assembly, beside the page templates a store overrides the same way.
    private static string ThemeTemplate(string name)
    {
        using var stream = typeof(StoreLoader).Assembly.GetManifestResourceStream($"theme/templates/{name}.liquid")
            ?? throw new InvalidOperationException($"the default theme has no {name}.liquid");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // A subject is a header: a line break from a store's string must not start another header.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static ValueTask<FluidValue> FormatMoney(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var state = (RenderState)context.AmbientValues[StateKey];
        var money = input.ToObjectValue() switch
        {
            Money value => value,
            // A bare number is minor units of the store's currency, as on the site's pages.
            _ when input.Type == FluidValues.Number => new Money((long)input.ToNumberValue(), state.Currency),
            _ => (Money?)null,
        };
        return money is null ? StringValue.Empty : new StringValue(MoneyFormatter.Format(money.Value, state.Strings.Locale));
    }

    private static ValueTask<FluidValue> Translate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var state = (RenderState)context.AmbientValues[StateKey];
        var values = new string[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments.At(i).ToStringValue();
        }

        return new StringValue(state.Strings.Get(input.ToStringValue(), values));
    }

    private sealed record RenderState(UiStrings Strings, Currency Currency);
}
