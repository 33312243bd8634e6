namespace Jamcart.Site;

/// <summary>An S3-compatible bucket to publish to: AWS S3 itself, or any server speaking its API at a custom endpoint.</summary>
public sealed class S3TargetOptions
{
    public required string Bucket { get; init; }

    /// <summary>Prepended to every key ("" or a folder such as <c>shop/</c>).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>An S3-compatible server's address; AWS S3 in <see cref="Region"/> when null.</summary>
    public Uri? Endpoint { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>Address the bucket as <c>endpoint/bucket/key</c> rather than <c>bucket.endpoint/key</c> (most self-hosted servers need it).</summary>
    public bool PathStyle { get; init; }

    /// <summary>With <see cref="SecretKey"/>, the credentials; the SDK's usual chain (AWS_ACCESS_KEY_ID…, profiles, instance roles) when null.</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of one request by the SDK itself; the caller retries whole publishes.</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>The key of the target's own manifest, beside the site and never linked from it.</summary>
    public string ManifestKey => Prefix + ".jamcart/publish.json";

    /// <summary>The bucket and where it is, for messages: never the credentials.</summary>
    public override string ToString() =>
        $"s3://{Bucket}/{Prefix}" + (Endpoint is null ? $" ({Region})" : $" at {Endpoint.GetLeftPart(UriPartial.Authority)}");
}
