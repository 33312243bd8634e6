using System.Globalization;

namespace Jamcart.Bench.Scale;

/// <summary>
/// The run's shop, written as a store folder: many teas with plenty of stock (sales change no page), a few scarce
/// ones that sell out (sales change pages), one bought down to a low count, and the flash-sale item. English, won,
/// shipping and tax.
/// </summary>
internal sealed class ScaleStore
{
    public const string Flash = "FLASH";

    /// <summary>Bought once, after the active worker's kill, down to a low count: the standby must publish "only N left".</summary>
    public const string Low = "LOW-001";
    public const string Currency = "KRW";
    public const long Price = 12_000;

    private ScaleStore(string root, IReadOnlyList<string> plentiful, IReadOnlyList<string> scarce, int lowStockThreshold)
    {
        Root = root;
        Plentiful = plentiful;
        Scarce = scarce;
        LowStockThreshold = lowStockThreshold;
    }

    public string Root { get; }

    public IReadOnlyList<string> Plentiful { get; }

    public IReadOnlyList<string> Scarce { get; }

    public int LowStockThreshold { get; }

    public static ScaleStore Write(string root, ScaleOptions options)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(root, "products"));
        File.WriteAllText(Path.Combine(root, "jamcart.yml"), $"""
            name: Scale Tea
            baseUrl: https://scale.example
            currency: {Currency}
            locale: en
            lowStockThreshold: {options.LowStockThreshold}
            shipping:
              flatRate: 3000
              freeOver: 50000
            tax:
              rate: 10
              inclusive: true

            """);
        var plentiful = Enumerable.Range(1, options.PlentifulSkus).Select(i => $"TEA-{i:D3}").ToList();
        var scarce = Enumerable.Range(1, options.ScarceSkus).Select(i => $"RARE-{i:D3}").ToList();
        foreach (var sku in plentiful)
        {
            WriteProduct(root, sku, 1_000_000);
        }

        foreach (var sku in scarce)
        {
            WriteProduct(root, sku, options.ScarceStock);
        }

        WriteProduct(root, Flash, options.FlashStock);
        WriteProduct(root, Low, options.LowStockThreshold + 2);
        return new ScaleStore(root, plentiful, scarce, options.LowStockThreshold);
    }

    private static void WriteProduct(string root, string sku, long stock) =>
        File.WriteAllText(Path.Combine(root, "products", sku.ToLowerInvariant() + ".md"), string.Create(CultureInfo.InvariantCulture, $"""
            ---
            sku: {sku}
            title: Tea {sku}
            price: {Price}
            stock: {stock}
            categories: [Tea]
            ---
            A tea for the scale run.

            """));
}
