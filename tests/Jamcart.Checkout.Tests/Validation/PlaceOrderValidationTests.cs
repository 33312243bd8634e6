using Jamcart.Checkout.Errors;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Validation.Requests;

namespace Jamcart.Checkout.Tests.Validation;

/// <summary>The rules of <c>POST /api/checkout</c> (docs/api.md), each broken on its own and reported at its path.</summary>
public sealed class PlaceOrderValidationTests
{
    private static readonly CheckoutOptions Options = new();

    private static readonly Dictionary<string, (PlaceOrderCommand Command, string Path)> Broken = new()
    {
        ["no items"] = (Valid() with { Items = [] }, "items"),
        ["items missing"] = (Valid() with { Items = null }, "items"),
        ["null item"] = (Valid() with { Items = [new CartItemInput("TEA-001", 1), null!] }, "items[1]"),
        ["sku missing"] = (Valid(new CartItemInput(null, 1)), "items[0].sku"),
        ["sku empty"] = (Valid(new CartItemInput("", 1)), "items[0].sku"),
        ["sku lower case"] = (Valid(new CartItemInput("tea-001", 1)), "items[0].sku"),
        ["sku starting with a dash"] = (Valid(new CartItemInput("-TEA", 1)), "items[0].sku"),
        ["sku with a space"] = (Valid(new CartItemInput("TEA 001", 1)), "items[0].sku"),
        ["sku of 65 characters"] = (Valid(new CartItemInput(new string('A', 65), 1)), "items[0].sku"),
        ["quantity missing"] = (Valid(new CartItemInput("TEA-001", null)), "items[0].quantity"),
        ["quantity zero"] = (Valid(new CartItemInput("TEA-001", 0)), "items[0].quantity"),
        ["quantity negative"] = (Valid(new CartItemInput("TEA-001", -1)), "items[0].quantity"),
        ["quantity 100"] = (Valid(new CartItemInput("TEA-001", 100)), "items[0].quantity"),
        ["quantity beyond int"] = (Valid(new CartItemInput("TEA-001", long.MaxValue)), "items[0].quantity"),
        ["second line's quantity"] = (Valid(new CartItemInput("TEA-001", 1), new CartItemInput("TEA-002", 0)), "items[1].quantity"),
        ["repeated sku over 99 in total"] = (Valid(new CartItemInput("TEA-002", 1), new CartItemInput("TEA-001", 60), new CartItemInput("TEA-001", 40)), "items[1].quantity"),
        ["51 different products"] = (Valid([.. Enumerable.Range(1, 51).Select(i => new CartItemInput($"SKU-{i}", 1))]), "items"),
        ["email missing"] = (Valid() with { Email = null }, "email"),
        ["email empty"] = (Valid() with { Email = "" }, "email"),
        ["email without @"] = (Valid() with { Email = "buyer.example.com" }, "email"),
        ["email with two @"] = (Valid() with { Email = "buyer@shop@example.com" }, "email"),
        ["email without a name"] = (Valid() with { Email = "@example.com" }, "email"),
        ["email without a domain"] = (Valid() with { Email = "buyer@" }, "email"),
        ["email domain without a dot"] = (Valid() with { Email = "buyer@localhost" }, "email"),
        ["email domain ending in a dot"] = (Valid() with { Email = "buyer@example." }, "email"),
        ["email with a space"] = (Valid() with { Email = "bu yer@example.com" }, "email"),
        ["email with a leading space"] = (Valid() with { Email = " buyer@example.com" }, "email"),
        ["email with a line break"] = (Valid() with { Email = "buyer@example.com\nBcc: x@y.z" }, "email"),
        ["email with a no-break space"] = (Valid() with { Email = "buyer\u00a0@example.com" }, "email"),
        ["email of 255 characters"] = (Valid() with { Email = new string('a', 243) + "@example.com" }, "email"),
        ["shipping missing"] = (Valid() with { Shipping = null }, "shipping"),
        ["name missing"] = (Valid() with { Shipping = Seoul with { Name = null } }, "shipping.name"),
        ["name blank"] = (Valid() with { Shipping = Seoul with { Name = "   " } }, "shipping.name"),
        ["name of 201 characters"] = (Valid() with { Shipping = Seoul with { Name = new string('n', 201) } }, "shipping.name"),
        ["name with a tab"] = (Valid() with { Shipping = Seoul with { Name = "Kim\tMinji" } }, "shipping.name"),
        ["name with half a surrogate pair"] = (Valid() with { Shipping = Seoul with { Name = "Kim \ud83d" } }, "shipping.name"),
        ["line1 missing"] = (Valid() with { Shipping = Seoul with { Line1 = null } }, "shipping.line1"),
        ["line2 with a line break"] = (Valid() with { Shipping = Seoul with { Line2 = "Apt 1\r\nApt 2" } }, "shipping.line2"),
        ["line2 of 201 characters"] = (Valid() with { Shipping = Seoul with { Line2 = new string('x', 201) } }, "shipping.line2"),
        ["city missing"] = (Valid() with { Shipping = Seoul with { City = "" } }, "shipping.city"),
        ["region with a control character"] = (Valid() with { Shipping = Seoul with { Region = "Seoul\u0007" } }, "shipping.region"),
        ["postal code missing in KR"] = (Valid() with { Shipping = Seoul with { PostalCode = null } }, "shipping.postalCode"),
        ["postal code of 201 characters"] = (Valid() with { Shipping = Seoul with { PostalCode = new string('1', 201) } }, "shipping.postalCode"),
        ["country missing"] = (Valid() with { Shipping = Seoul with { Country = null } }, "shipping.country"),
        ["country of three letters"] = (Valid() with { Shipping = Seoul with { Country = "KOR" } }, "shipping.country"),
        ["country not assigned"] = (Valid() with { Shipping = Seoul with { Country = "XX" } }, "shipping.country"),
        ["country reserved, not assigned"] = (Valid() with { Shipping = Seoul with { Country = "UK" } }, "shipping.country"),
        ["country the shop does not ship to"] = (Valid() with { Shipping = Seoul with { Country = "DE", PostalCode = "10115" } }, "shipping.country"),
    };

    public static TheoryData<string> BrokenRules => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void a_broken_rule_is_reported_at_its_path_and_nowhere_else(string rule)
    {
        var (command, path) = Broken[rule];

        var thrown = Should.Throw<InvalidRequestException>(() => PlaceOrder.Validate(command, Shop(), Options));

        thrown.Errors.Keys.ShouldBe([path]);
        thrown.Errors[path].ShouldAllBe(message => message.Length > 0);
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        var command = new PlaceOrderCommand(
            [new CartItemInput("tea", 0), new CartItemInput("TEA-001", 1)],
            "nobody",
            Seoul with { Name = null, Country = "ZZ" },
            "ko");

        var thrown = Should.Throw<InvalidRequestException>(() => PlaceOrder.Validate(command, Shop(), Options));

        thrown.Errors.Keys.ShouldBe(["items[0].sku", "items[0].quantity", "email", "shipping.name", "shipping.country"], ignoreOrder: true);
    }

    [Fact]
    public void repeated_skus_merge_into_one_line_in_the_order_they_first_appear()
    {
        var command = Valid(
            new CartItemInput("TEA-002", 1),
            new CartItemInput("TEA-001", 2),
            new CartItemInput("TEA-002", 98));

        var valid = PlaceOrder.Validate(command, Shop(), Options);

        valid.Items.Select(item => (item.Sku, item.Quantity)).ShouldBe([("TEA-002", 99), ("TEA-001", 2)]);
    }

    [Fact]
    public void fifty_one_lines_of_fifty_products_are_fifty_lines_after_merging()
    {
        var items = Enumerable.Range(1, 50).Select(i => new CartItemInput($"SKU-{i}", 1)).Append(new CartItemInput("SKU-1", 1)).ToArray();

        var valid = PlaceOrder.Validate(Valid(items), Shop(), Options);

        valid.Items.Count.ShouldBe(50);
        valid.Items[0].Quantity.ShouldBe(2);
    }

    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last+tag@mail.example.co.kr")]
    [InlineData("김민지@예시.한국")]
    public void plausible_emails_pass(string email)
    {
        PlaceOrder.Validate(Valid() with { Email = email }, Shop(), Options).Email.ShouldBe(email);
    }

    [Fact]
    public void an_email_of_254_characters_passes()
    {
        var email = new string('a', 242) + "@example.com";

        PlaceOrder.Validate(Valid() with { Email = email }, Shop(), Options).Email.Length.ShouldBe(254);
    }

    [Theory]
    [InlineData("HK")]
    [InlineData("IE")]
    public void countries_without_postal_codes_need_none(string country)
    {
        var valid = PlaceOrder.Validate(Valid() with { Shipping = Seoul with { Country = country, PostalCode = null } }, Shop(), Options);

        valid.Shipping.ShouldNotBeNull().PostalCode.ShouldBeNull();
        valid.Shipping.Country.ShouldBe(country);
    }

    [Fact]
    public void shipping_texts_are_trimmed_and_the_country_is_written_in_capitals()
    {
        var valid = PlaceOrder.Validate(Valid() with { Shipping = Seoul with { Name = "  Kim Minji ", Line2 = " ", Country = "kr" } }, Shop(), Options);

        var address = valid.Shipping.ShouldNotBeNull();
        address.Name.ShouldBe("Kim Minji");
        address.Line2.ShouldBeNull();
        address.Country.ShouldBe("KR");
    }

    [Fact]
    public void an_empty_country_list_ships_anywhere()
    {
        var anywhere = Shop(new ShippingRule(new Money(3000, Currency.KRW), null, []));

        PlaceOrder.Validate(Valid() with { Shipping = Seoul with { Country = "DE" } }, anywhere, Options).Shipping!.Country.ShouldBe("DE");
    }

    [Fact]
    public void a_digital_store_asks_for_no_address_and_keeps_none()
    {
        var digital = Shop(physical: false);

        PlaceOrder.Validate(Valid() with { Shipping = null }, digital, Options).Shipping.ShouldBeNull();
        PlaceOrder.Validate(Valid(), digital, Options).Shipping.ShouldBeNull();
    }

    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("KO", "ko")]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("fr", "en")]
    [InlineData("ko\n", "en")]
    public void the_locale_is_one_of_the_stores_or_its_default(string? asked, string expected)
    {
        PlaceOrder.Validate(Valid() with { Locale = asked }, Shop(), Options).Locale.ShouldBe(expected);
    }

    [Fact]
    public void the_limits_come_from_the_options()
    {
        var tight = new CheckoutOptions { MaxLines = 2, MaxQuantity = 5 };

        var thrown = Should.Throw<InvalidRequestException>(() => PlaceOrder.Validate(
            Valid(new CartItemInput("A", 6), new CartItemInput("B", 1), new CartItemInput("C", 1), new CartItemInput("D", 1)), Shop(), tight));

        thrown.Errors.Keys.ShouldBe(["items[0].quantity", "items"], ignoreOrder: true);
    }

    [Fact]
    public void the_country_table_holds_every_assigned_code()
    {
        Countries.Count.ShouldBe(249);
        foreach (var code in new[] { "KR", "US", "DE", "GB", "JP", "SS", "XK" })
        {
            Countries.IsAssigned(code).ShouldBe(code != "XK", code);
        }
    }
}
