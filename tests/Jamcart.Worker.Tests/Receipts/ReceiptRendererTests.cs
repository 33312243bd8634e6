using Jamcart.Checkout.Orders;
using Jamcart.Core;
using Jamcart.Worker.Receipts;

using Shouldly;

namespace Jamcart.Worker.Tests.Receipts;

/// <summary>Receipts rendered from a store folder written inline: language, amounts, escaping, overrides, and what never appears.</summary>
public sealed class ReceiptRendererTests : IDisposable
{
    private const string Token = "tok_9d2c51e0c7b14f4e8f1a3b6c2d9e7f10";

    private readonly string _root = Directory.CreateTempSubdirectory("jamcart-receipt-").FullName;

    public ReceiptRendererTests() =>
        Write("jamcart.yml", "name: \"Tea & <Co>\"\nbaseUrl: https://shop.example/tea/\ncurrency: USD\nlocale: en\nlocales: [en, ko]\n");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task an_english_receipt_shows_dollar_amounts_with_cents_discount_shipping_and_added_tax()
    {
        var message = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false));

        message.Subject.ShouldBe("Your receipt from Tea & <Co>: order ord_testorder000000000000000001");
        message.From.Mailboxes.Single().ToString().ShouldBe("\"Tea & <Co>\" <orders@shop.example>");
        message.MessageId.ShouldBe("receipt.ord_testorder000000000000000001@shop.example");
        var text = message.TextBody!;
        text.ShouldContain("Thank you for your order.", Case.Sensitive);
        text.ShouldContain("Green <b>tea</b>\n  3 × $12.50 = $37.50", Case.Sensitive);
        text.ShouldContain("Subtotal: $37.50", Case.Sensitive);
        text.ShouldContain("Discount: -$2.50", Case.Sensitive);
        text.ShouldContain("Shipping: $4.00", Case.Sensitive);
        text.ShouldContain("Tax: $3.90", Case.Sensitive);
        text.ShouldContain("Total: $42.90", Case.Sensitive);
        text.ShouldContain("Visit Tea & <Co>: https://shop.example/tea/", Case.Sensitive);
    }

    [Fact]
    public async Task every_store_and_order_text_is_escaped_in_the_html_part()
    {
        var html = (await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false))).HtmlBody!;

        html.ShouldContain("Tea &amp; &lt;Co&gt;", Case.Sensitive);
        html.ShouldContain("Green &lt;b&gt;tea&lt;/b&gt;", Case.Sensitive);
        html.ShouldNotContain("<b>tea", Case.Sensitive);
        html.ShouldNotContain("<Co>", Case.Sensitive);
        html.ShouldContain("<a href=\"https://shop.example/tea/\"", Case.Sensitive);
    }

    [Fact]
    public async Task a_korean_order_in_a_store_with_korean_gets_a_korean_receipt_with_tax_included()
    {
        var message = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("ko", taxInclusive: true));

        message.Subject.ShouldBe("Tea & <Co> 영수증: 주문 ord_testorder000000000000000001");
        var usd = Currency.Get("USD");
        message.TextBody!.ShouldContain($"부가세 포함: {MoneyFormatter.Format(new Money(390, usd), "ko")}", Case.Sensitive);
        message.TextBody!.ShouldContain($"합계: {MoneyFormatter.Format(new Money(4290, usd), "ko")}", Case.Sensitive);
        message.TextBody!.ShouldContain("42.90", Case.Sensitive);
        message.HtmlBody!.ShouldContain("<th style=\"text-align:right;border-bottom:1px solid #ddd;padding:6px 8px\">수량</th>", Case.Sensitive);
    }

    [Fact]
    public async Task an_order_in_a_language_the_store_no_longer_has_gets_the_store_language()
    {
        var message = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("de", taxInclusive: false));

        message.Subject.ShouldStartWith("Your receipt from");
    }

    [Fact]
    public async Task a_store_overrides_the_templates_and_the_strings_like_any_other()
    {
        Write("templates/receipt.txt.liquid", "{{ 'receipt.thanks' | t }} {{ receipt.total | money }} {{ receipt.lines.size }}");
        Write("i18n/en.yml", "receipt.thanks: \"Cheers!\"\nreceipt.subject: \"Order {1}\\nBcc: everyone@example.com\"\n");

        var message = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false));

        message.TextBody.ShouldBe("Cheers! $42.90 1");
        message.HtmlBody!.ShouldContain("Cheers!", Case.Sensitive);
        // A line break in a store's string cannot add a header.
        message.Subject.ShouldBe("Order ord_testorder000000000000000001 Bcc: everyone@example.com");
        message.Bcc.ShouldBeEmpty();
    }

    [Fact]
    public async Task rendering_the_same_order_twice_gives_the_same_message_id_and_date_so_a_resend_is_the_same_message()
    {
        var first = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false));
        var again = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false));

        again.MessageId.ShouldBe(first.MessageId);
        again.Date.ShouldBe(first.Date);
        again.TextBody.ShouldBe(first.TextBody);
    }

    [Fact]
    public async Task no_token_secret_or_payment_detail_reaches_the_message()
    {
        var message = await ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(Order("en", taxInclusive: false));
        await using var raw = new MemoryStream();
        await message.WriteToAsync(raw, TestContext.Current.CancellationToken);
        var whole = System.Text.Encoding.UTF8.GetString(raw.ToArray());

        whole.ShouldNotContain("tokenhash", Case.Insensitive);
        whole.ShouldNotContain(Token, Case.Sensitive);
        whole.ShouldNotContain("pi_testpayment", Case.Sensitive);
        whole.ShouldNotContain("secret", Case.Insensitive);
        whole.ShouldNotContain("Sejong", Case.Sensitive);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    public async Task an_order_address_that_is_none_is_a_permanent_failure(string email)
    {
        var order = Order("en", taxInclusive: false) with { Email = email };

        var failure = await Should.ThrowAsync<ReceiptDeliveryException>(() => ReceiptRenderer.Load(_root, "orders@shop.example").RenderAsync(order));

        failure.Permanent.ShouldBeTrue();
    }

    [Fact]
    public void a_broken_template_or_from_address_stops_the_renderer_with_what_to_fix()
    {
        Should.Throw<ReceiptRenderException>(() => ReceiptRenderer.Load(_root, "no address")).Message.ShouldContain("receipts.from");
        Write("templates/receipt.html.liquid", "{% if %}");
        Should.Throw<ReceiptRenderException>(() => ReceiptRenderer.Load(_root, "orders@shop.example")).Message.ShouldContain("templates/receipt.html.liquid");
    }

    [Fact]
    public void the_from_address_is_read_from_jamcart_yml_else_made_from_the_shop_host()
    {
        ReceiptConfig.FromAddress(_root).ShouldBe("noreply@shop.example");
        Write("jamcart.yml", "name: Tea\nbaseUrl: https://shop.example/\ncurrency: USD\nreceipts:\n  from: orders@tea.example\n");
        ReceiptConfig.FromAddress(_root).ShouldBe("orders@tea.example");
    }

    [Theory]
    [InlineData("smtp://user:p%40ss@mail.example.com:587", "mail.example.com", 587, "StartTls", "user", "p@ss")]
    [InlineData("smtp://mail.example.com", "mail.example.com", 587, "StartTls", null, null)]
    [InlineData("smtps://u:pw-9x@mail.example.com", "mail.example.com", 465, "SslOnConnect", "u", "pw-9x")]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525, "StartTlsWhenAvailable", null, null)]
    public void smtp_urls_name_the_server_its_security_and_its_login(string url, string host, int port, string security, string? user, string? password)
    {
        var settings = SmtpSettings.Parse(url);

        (settings.Host, settings.Port, settings.Security.ToString(), settings.UserName, settings.Password).ShouldBe((host, port, security, user, password));
        settings.ToString().ShouldNotContain(password ?? "\0", Case.Sensitive);
    }

    [Theory]
    [InlineData("http://user:secret@mail.example.com")]
    [InlineData("mail.example.com:587")]
    [InlineData("smtp://user:secret@")]
    public void a_url_that_is_not_smtp_is_refused_without_repeating_it(string url)
    {
        Should.Throw<ArgumentException>(() => SmtpSettings.Parse(url)).Message.ShouldNotContain("secret");
    }

    [Theory]
    [InlineData("minji.kim@example.com", "m***@example.com")]
    [InlineData("a@b.example", "a***@b.example")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "")]
    public void addresses_are_masked_to_their_first_character_and_domain(string address, string masked) =>
        EmailMask.Mask(address, stars: 3).ShouldBe(masked);

    [Theory]
    [InlineData("5.1.1 <minji.kim@example.com>: Recipient address rejected", "5.1.1 <m***@example.com>: Recipient address rejected")]
    [InlineData("4.2.0 <minji@example.com>: Recipient address rejected: Greylisted", "4.2.0 <m***@example.com>: Recipient address rejected: Greylisted")]
    [InlineData("No such user: minji@example.com.", "No such user: m***@example.com.")]
    [InlineData("unknown user 'minji@example.com', try \"o'brien@example.com\"", "unknown user 'm***@example.com', try \"o***@example.com\"")]
    [InlineData("to=<minji@mail.example.co.kr>, relay=none (minji+tea@example.com)", "to=<m***@mail.example.co.kr>, relay=none (m***@example.com)")]
    [InlineData("mailbox \"kim minji\"@example.com is full", "mailbox \"***@example.com is full")]
    [InlineData("민지@예시.한국 and 🍵tea@example.com", "민***@예시.한국 and 🍵***@example.com")]
    [InlineData("a@b.example,c@d.example;e@[192.0.2.1]", "a***@b.example,c***@d.example;e***@[192.0.2.1]")]
    [InlineData("Requested action aborted: try again later", "Requested action aborted: try again later")]
    [InlineData("@ minji@ @example.com a@@b", "@ minji@ @example.com a@@b")]
    [InlineData("", "")]
    public void every_address_in_a_text_is_masked_and_the_rest_kept(string text, string masked) =>
        EmailMask.MaskWithin(text, stars: 3).ShouldBe(masked);

    private static Order Order(string locale, bool taxInclusive)
    {
        var usd = Currency.Get("USD");
        var paid = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
        return new Order
        {
            Id = "ord_testorder000000000000000001",
            TokenHash = "tokenhash-" + Token,
            Status = OrderStatus.Paid,
            Lines = [new OrderLine("TEA-1", "Green <b>tea</b>", 3, new Money(1250, usd))],
            Subtotal = new Money(3750, usd),
            Discount = new Money(250, usd),
            Shipping = new Money(400, usd),
            Tax = new Money(390, usd),
            TaxInclusive = taxInclusive,
            Total = new Money(4290, usd),
            Email = "minji.kim@example.com",
            ShippingAddress = new ShippingAddress("Kim Minji", "12 Sejong-daero", null, "Seoul", null, "04524", "KR"),
            Locale = locale,
            CreatedAt = paid.AddMinutes(-2),
            UpdatedAt = paid,
            ReservedUntil = paid.AddMinutes(13),
            PaidAt = paid,
            PaymentProvider = "sandbox",
            PaymentId = "pi_testpayment",
            ClientSecret = "pi_testpayment_secret_abc",
        };
    }

    private void Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
