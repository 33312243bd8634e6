using System.CommandLine;

using Jamcart.Bench.LoadGen;

var url = new Option<string>("--url") { Description = "The functions' base address.", Required = true };
var connections = new Option<int>("--connections", "-c") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 32 };
var sku = new Option<string>("--sku") { Description = "The SKU every buyer wants.", Required = true };
var buyers = new Option<int>("--buyers") { Description = "Flash sale: buyers arriving at once.", DefaultValueFactory = _ => 2000 };
var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file." };

var flash = new Command("flash-sale", "Many buyers at once for one SKU: how many orders, how many clean 409s, and latency.")
{
    url, buyers, connections, sku, json,
};
flash.SetAction((parsed, ct) => FlashSaleRun.RunAsync(
    new Uri(parsed.GetValue(url)!), parsed.GetValue(sku)!, parsed.GetValue(buyers), parsed.GetValue(connections), parsed.GetValue(json), ct));

var floor = new Command("floor", "As many GET /api/health at once: the least any answer at once takes on this machine.")
{
    url, buyers, connections, json,
};
floor.SetAction((parsed, ct) => FloorRun.RunAsync(
    new Uri(parsed.GetValue(url)!), parsed.GetValue(buyers), parsed.GetValue(connections), parsed.GetValue(json), ct));

return await new RootCommand("Load generator for Jamcart's checkout functions.") { flash, floor }.Parse(args).InvokeAsync();
