using Jamcart.Core;

namespace Jamcart.Cli.Scaffolding;

/// <summary>The files of a new store: settings, two products with an image, an about page and a .gitignore.</summary>
internal static class StoreScaffold
{
    public static void Write(string root, Currency currency, string locale)
    {
        Directory.CreateDirectory(Path.Combine(root, "products"));
        Directory.CreateDirectory(Path.Combine(root, "pages"));
        Directory.CreateDirectory(Path.Combine(root, "assets", "images"));
        Directory.CreateDirectory(Path.Combine(root, "templates"));

        // Round, believable prices in any currency: 12 and 38 major units (12,000 and 38,000 where minor units are absent).
        var scale = currency.Exponent == 0 ? 1000 : 1;
        string Price(long major) => MoneyFormatter.FormatPlain(new Money(major * scale * currency.MinorPerMajor, currency));

        File.WriteAllText(Path.Combine(root, "jamcart.yml"), $"""
            # Jamcart store settings: see docs/store-format.md in the Jamcart repository.
            name: My Shop
            baseUrl: https://shop.example.com
            currency: {currency.Code}
            locale: {locale}
            description: Small-batch goods, shipped with care.
            lowStockThreshold: 3
            shipping:
              flatRate: {Price(5)}
            tax:
              rate: 10
              inclusive: {(currency.Code is "USD" or "CAD" ? "false" : "true")}
            payments:
              provider: sandbox

            """);
        File.WriteAllText(Path.Combine(root, "products", "first-product.md"), $"""
            ---
            sku: FIRST-001
            title: First product
            price: {Price(12)}
            stock: 20
            categories: [Featured]
            images: [images/product.svg]
            summary: A short line shown on product cards.
            ---
            Describe the product in **Markdown**: what it is, what it is made of, how to use it.

            - One thing to know
            - Another thing to know

            """);
        File.WriteAllText(Path.Combine(root, "products", "second-product.md"), $"""
            ---
            sku: SECOND-001
            title: Second product
            price: {Price(38)}
            stock: 2
            categories: [Featured]
            images: [images/product.svg]
            ---
            Only a few left: the page says so by itself.

            """);
        File.WriteAllText(Path.Combine(root, "pages", "about.md"), """
            ---
            title: About
            ---
            Tell your customers who you are.

            """);
        File.WriteAllText(Path.Combine(root, "assets", "images", "product.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 600\"><rect width=\"600\" height=\"600\" fill=\"#e7efe9\"/><circle cx=\"300\" cy=\"300\" r=\"150\" fill=\"#2f5d46\"/></svg>\n");
        File.WriteAllText(Path.Combine(root, "templates", "README.md"),
            "Copy a template of the default theme here (same file name) to change it; every other template stays the default.\n");
        File.WriteAllText(Path.Combine(root, ".gitignore"), "public/\n.public.jamcart/\n.jamcart/\n");
    }
}
