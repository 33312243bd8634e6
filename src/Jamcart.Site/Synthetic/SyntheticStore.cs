using System.Globalization;
using System.Text;

namespace Jamcart.Site;

/// <summary>
/// Writes a deterministic synthetic store of any size, for tests and benchmarks: 20 categories, about
/// 150 words of Markdown per product, prices in USD, a spread of stock levels including sold-out and low.
/// The same count and seed always give the same bytes.
/// </summary>
public static class SyntheticStore
{
    public const int CategoryCount = 20;

    private static readonly string[] Words =
    [
        "tea", "leaf", "roast", "harvest", "valley", "mountain", "spring", "autumn", "smooth", "bright", "floral",
        "honey", "malty", "steam", "kettle", "porcelain", "hand", "rolled", "garden", "estate", "morning", "evening",
        "aroma", "finish", "body", "sweet", "mineral", "toasty", "fresh", "crisp", "gentle", "deep", "amber", "golden",
        "green", "oolong", "black", "white", "aged", "smoke", "citrus", "stone", "fruit", "orchid", "chestnut", "pine",
        "brew", "cup", "pot", "water", "minutes", "degrees", "grams", "small", "batch", "picked", "dried", "sun",
        "shade", "grown", "careful", "slow", "rich", "light", "clean", "long", "soft", "warm", "cool", "note",
    ];

    public static string CategoryName(int index) => $"Category {index + 1:00}";

    public static void Write(string root, int products, int seed = 1)
    {
        Directory.CreateDirectory(Path.Combine(root, "products"));
        Directory.CreateDirectory(Path.Combine(root, "pages"));
        File.WriteAllText(Path.Combine(root, "jamcart.yml"), """
            name: Synthetic Store
            baseUrl: https://synthetic.example.com
            currency: USD
            locale: en
            description: A generated store for tests and benchmarks.
            lowStockThreshold: 3
            pageSize: 24
            shipping:
              flatRate: 5.00
              freeOver: 100.00
            tax:
              rate: 8.875
              inclusive: false
            """ + "\n");
        File.WriteAllText(Path.Combine(root, "pages", "about.md"), "---\ntitle: About\n---\nA generated store.\n");

        var random = new Random(seed);
        for (var i = 0; i < products; i++)
        {
            var path = Path.Combine(root, "products", $"product-{i:000000}.md");
            File.WriteAllText(path, Product(i, random));
        }
    }

    /// <summary>The text of product <paramref name="index"/>'s file; also used by tests that edit one product.</summary>
    public static string Product(int index, Random random, long? stock = null)
    {
        var category = index % CategoryCount;
        var second = (index * 7 + 3) % CategoryCount;
        var cents = 500 + random.Next(0, 20_000);
        var units = stock ?? (random.Next(0, 10) switch { 0 => 0, 1 => random.Next(1, 4), _ => random.Next(4, 200) });
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"sku: SKU-{index:000000}\n");
        text.Append(CultureInfo.InvariantCulture, $"title: \"{Title(random)} {index}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"price: {cents / 100}.{cents % 100:00}\n");
        text.Append(CultureInfo.InvariantCulture, $"stock: {units}\n");
        text.Append(CultureInfo.InvariantCulture, $"categories: [\"{CategoryName(category)}\"{(second != category ? $", \"{CategoryName(second)}\"" : "")}]\n");
        text.Append(CultureInfo.InvariantCulture, $"summary: \"{Sentence(random, 8)}\"\n");
        text.Append("---\n");
        text.Append(Sentence(random, 40)).Append("\n\n");
        text.Append("## Tasting notes\n\n");
        text.Append(Sentence(random, 45)).Append(" **").Append(Sentence(random, 4)).Append("** ").Append(Sentence(random, 20)).Append("\n\n");
        text.Append("## Brewing\n\n");
        for (var step = 0; step < 3; step++)
        {
            text.Append("- ").Append(Sentence(random, 12)).Append('\n');
        }

        return text.ToString();
    }

    private static string Title(Random random)
    {
        var first = Words[random.Next(Words.Length)];
        var second = Words[random.Next(Words.Length)];
        return char.ToUpperInvariant(first[0]) + first[1..] + " " + second;
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Words[random.Next(Words.Length)]);
        }

        text[0] = char.ToUpperInvariant(text[0]);
        return text.Append('.').ToString();
    }
}
