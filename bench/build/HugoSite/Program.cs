using Jamcart.Bench.HugoSite;

// hugosite STORE SITE [--hugo-version X.Y.Z] [--assets DIR]
// Turns a Jamcart store folder into a Hugo site that publishes the same pages, for the build benchmark.
if (!ConvertOptions.TryParse(args, out var options, out var problem))
{
    Console.Error.WriteLine($"hugosite: {problem}");
    Console.Error.WriteLine(ConvertOptions.Usage);
    return 2;
}

var store = StoreFolder.Read(options.StoreRoot);
HugoSiteWriter.Write(store, options);
Console.WriteLine($"wrote a Hugo site of {store.Products.Count} products to {options.SiteRoot}");
return 0;
