using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>
/// The key correctness property of the incremental build: after any sequence of edits to a store, building
/// incrementally gives exactly the bytes that a clean build of the same store gives.
/// </summary>
public sealed class IncrementalEqualsCleanProperty
{
    private static readonly string[] Templates = ["cart", "product-card", "availability", "layout", "home", "category"];

    [Property(MaxTest = 30, Arbitrary = [typeof(EditArbitrary)])]
    public Task incremental_build_equals_clean_build_byte_for_byte(Edit[] edits) => EditBuildAndCompareAsync(edits, warm: false);

    /// <summary>The same through one warm engine refreshed before each build, as a build server builds.</summary>
    [Property(MaxTest = 30, Arbitrary = [typeof(EditArbitrary)])]
    public Task warm_refreshed_build_equals_clean_build_byte_for_byte(Edit[] edits) => EditBuildAndCompareAsync(edits, warm: true);

    private static async Task EditBuildAndCompareAsync(Edit[] edits, bool warm)
    {
        using var store = new TestStore(Config(threshold: 3, pageSize: 2, name: "Shop"), warm);
        store.Write("assets/images/i0.svg", Svg(0));
        for (var i = 0; i < 3; i++)
        {
            store.Product($"p{i}", $"P-{i}", stock: i * 2, extra: $"categories: [C{i % 2}]\n");
        }

        (await store.BuildAsync()).ShouldSucceed();
        foreach (var edit in edits)
        {
            Apply(store, edit);
            (await store.BuildAsync()).ShouldSucceed();
        }

        var clean = Path.Combine(store.Root, "clean");
        (await store.BuildAsync(clean: true, output: clean)).ShouldSucceed();
        AssertSameTree(store.OutputRoot, clean, edits);
    }

    private static void Apply(TestStore store, Edit edit)
    {
        var n = edit.Argument;
        var product = $"p{n % 6}";
        switch (edit.Kind)
        {
            case EditKind.AddOrChangeStock:
                store.Product(product, $"P-{n % 6}", stock: n % 7, extra: $"categories: [C{n % 3}]\n");
                break;
            case EditKind.ChangePrice:
                store.Product(product, $"P-{n % 6}", price: (1000 + n * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), extra: $"categories: [C{n % 2}]\n");
                break;
            case EditKind.ChangeDescription:
                store.Product(product, $"P-{n % 6}", body: $"Description {n}", extra: n % 2 == 0 ? "images: [images/i0.svg]\n" : "");
                break;
            case EditKind.Delete:
                store.Delete($"products/{product}.md");
                break;
            case EditKind.EditTemplate:
                var template = Templates[n % Templates.Length];
                if (template == "layout")
                {
                    store.Write("templates/layout.liquid", $"<html lang=\"{{{{ store.locale }}}}\"><body data-v=\"{n}\">{{{{ content_for_layout }}}}</body></html>");
                }
                else
                {
                    store.Write($"templates/{template}.liquid", $"<p data-v=\"{n}\">{{{{ 'cart.title' | t }}}} {{{{ product.title }}}} {{{{ product.availability.code }}}}</p>");
                }

                break;
            case EditKind.EditConfig:
                store.Write("jamcart.yml", Config(threshold: n % 5, pageSize: 1 + n % 3, name: $"Shop {n % 2}"));
                break;
            case EditKind.EditStrings:
                store.Write("i18n/ko.yml", $"product.sold_out: \"없음 {n % 3}\"\ncart.title: \"카트 {n % 2}\"\n");
                break;
            case EditKind.EditAsset:
                store.Write("assets/images/i0.svg", Svg(n % 3));
                break;
            case EditKind.AddPage:
                store.Write($"pages/page{n % 2}.md", $"---\ntitle: Page {n}\n---\nText {n}\n");
                break;
        }
    }

    private static void AssertSameTree(string incremental, string clean, Edit[] edits)
    {
        var left = Files(incremental);
        var right = Files(clean);
        var edits_ = string.Join(", ", edits);
        left.Keys.Order(StringComparer.Ordinal).ShouldBe(right.Keys.Order(StringComparer.Ordinal), $"after {edits_}");
        foreach (var (path, bytes) in left)
        {
            bytes.SequenceEqual(right[path]).ShouldBeTrue($"{path} differs after {edits_}");
        }
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    private static string Config(int threshold, int pageSize, string name) =>
        $"name: {name}\nbaseUrl: https://shop.example.com\ncurrency: KRW\nlocale: ko\nlocales: [ko, en]\nlowStockThreshold: {threshold}\npageSize: {pageSize}\n";

    private static string Svg(int variant) => $"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{variant + 1}\"/></svg>";

    public enum EditKind
    {
        AddOrChangeStock,
        ChangePrice,
        ChangeDescription,
        Delete,
        EditTemplate,
        EditConfig,
        EditStrings,
        EditAsset,
        AddPage,
    }

    public sealed record Edit(EditKind Kind, int Argument);

    public static class EditArbitrary
    {
        public static Arbitrary<Edit[]> Edits() =>
            (from kind in Gen.Elements(Enum.GetValues<EditKind>())
             from argument in Gen.Choose(0, 60)
             select new Edit(kind, argument))
            .ArrayOf()
            .Where(a => a.Length is > 0 and <= 8)
            .ToArbitrary();
    }
}
