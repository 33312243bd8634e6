using System.CommandLine;

using Jamcart.Bench.LoadGen;

var url = new Option<string>("--url") { Description = "The functions' base address.", Required = true };
var duration = new Option<int>("--seconds") { Description = "How long to measure.", DefaultValueFactory = _ => 20 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring.", DefaultValueFactory = _ => 5 };
var connections = new Option<int>("--connections", "-c") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 32 };
var skus = new Option<string[]>("--sku") { Description = "SKUs to buy (one chosen at random per checkout).", Required = true, AllowMultipleArgumentsPerToken = true };
var buyers = new Option<int>("--buyers") { Description = "Flash sale: buyers arriving at once.", DefaultValueFactory = _ => 2000 };
var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file." };

var throughput = new Command("throughput", "Checkouts as fast as they complete, for a while: rate and latency percentiles.")
{
    url, duration, warmup, connections, skus, json,
};
throughput.SetAction((parsed, ct) => ThroughputRun.RunAsync(
    new Uri(parsed.GetValue(url)!), parsed.GetValue(skus)!, parsed.GetValue(connections), TimeSpan.FromSeconds(parsed.GetValue(warmup)),
    TimeSpan.FromSeconds(parsed.GetValue(duration)), parsed.GetValue(json), ct));

var flash = new Command("flash-sale", "Many buyers at once for one SKU: how many orders, how many clean 409s, and latency.")
{
    url, buyers, connections, skus, json,
};
flash.SetAction((parsed, ct) => FlashSaleRun.RunAsync(
    new Uri(parsed.GetValue(url)!), parsed.GetValue(skus)![0], parsed.GetValue(buyers), parsed.GetValue(connections), parsed.GetValue(json), ct));

return await new RootCommand("Load generator for Jamcart's checkout functions.") { throughput, flash }.Parse(args).InvokeAsync();
