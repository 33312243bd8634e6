using Amazon.S3;
using Amazon.S3.Model;

using Jamcart.Testing;

using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>Publishing to a real S3-compatible server (s3rver), path-style, as a self-hosted bucket is addressed.</summary>
public sealed class S3TargetTests(S3Server s3)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task every_file_is_uploaded_whole_with_its_content_type_and_cache_control()
    {
        using var site = PublishTestSite.Shop();
        var options = await OptionsAsync("shop/");
        using var target = new S3Target(options);

        var result = await target.PublishAsync(site.Everything(), Ct);

        result.Written.Count.ShouldBe(6);
        result.Written.Take(2).ShouldAllBe(path => path.StartsWith("assets/"), "assets go first");
        using var client = s3.Client();
        var page = await GetAsync(client, options.Bucket, "shop/products/tea/index.html");
        page.Body.ShouldBe("<h1>Tea</h1><p>In stock</p>");
        page.ContentType.ShouldBe("text/html; charset=utf-8");
        page.CacheControl.ShouldBe("no-cache");
        (await GetAsync(client, options.Bucket, "shop/catalog.json")).ShouldBe(("""{"products":{}}""", "application/json", "no-cache"));
        (await GetAsync(client, options.Bucket, "shop/assets/css/site.0123456789.css")).ShouldBe(("body{}", "text/css; charset=utf-8", "public, max-age=31536000, immutable"));
        (await GetAsync(client, options.Bucket, "shop/assets/css/site.css")).CacheControl.ShouldBe("no-cache");
    }

    [Fact]
    public async Task only_files_whose_content_changed_are_uploaded_and_removed_ones_deleted_last()
    {
        using var site = PublishTestSite.Shop();
        var options = await OptionsAsync();
        using (var first = new S3Target(options))
        {
            await first.PublishAsync(site.Everything(), Ct);
        }

        site.Write("products/tea/index.html", "<h1>Tea</h1><p>Sold out</p>").Delete("sitemap.xml");
        // A new instance, as after a restart: it compares with the bucket's manifest, not with a listing.
        using var target = new S3Target(options);
        var result = await target.PublishAsync(site.Everything(), Ct);

        result.Written.ShouldBe(["products/tea/index.html"]);
        result.Deleted.ShouldBe(["sitemap.xml"]);
        result.Unchanged.ShouldBe(4);
        using var client = s3.Client();
        (await GetAsync(client, options.Bucket, "products/tea/index.html")).Body.ShouldBe("<h1>Tea</h1><p>Sold out</p>");
        await Should.ThrowAsync<AmazonS3Exception>(() => client.GetObjectAsync(options.Bucket, "sitemap.xml", Ct));

        (await target.PublishAsync(site.Changed("products/tea/index.html", "sitemap.xml"), Ct)).ChangedPaths.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unreachable_bucket_fails_with_a_publish_error_naming_it_and_the_next_publish_sends_everything()
    {
        using var site = PublishTestSite.Shop();
        var bucket = await s3.CreateBucketAsync();
        using var down = new S3Target(new S3TargetOptions
        {
            Bucket = bucket,
            Endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/"),
            PathStyle = true,
            AccessKey = S3Server.AccessKey,
            SecretKey = "secret-that-must-not-leak",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(2),
        });

        var error = await Should.ThrowAsync<PublishException>(() => down.PublishAsync(site.Everything(), Ct));

        error.Message.ShouldContain(bucket);
        error.Message.ShouldNotContain("secret-that-must-not-leak");
        using var up = new S3Target(await OptionsAsync(bucket: bucket));
        (await up.PublishAsync(site.Everything(), Ct)).Written.Count.ShouldBe(6);
    }

    private async Task<S3TargetOptions> OptionsAsync(string prefix = "", string? bucket = null) => new()
    {
        Bucket = bucket ?? await s3.CreateBucketAsync(),
        Prefix = prefix,
        Endpoint = s3.Endpoint,
        PathStyle = true,
        AccessKey = S3Server.AccessKey,
        SecretKey = S3Server.SecretKey,
    };

    private static async Task<(string Body, string ContentType, string CacheControl)> GetAsync(AmazonS3Client client, string bucket, string key)
    {
        using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, Ct);
        using var reader = new StreamReader(response.ResponseStream);
        return (await reader.ReadToEndAsync(Ct), response.Headers.ContentType, response.Headers.CacheControl);
    }
}
