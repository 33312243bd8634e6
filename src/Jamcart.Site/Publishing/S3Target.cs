using System.Net;

using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Jamcart.Site;

/// <summary>
/// Publishes to an S3-compatible bucket: only files whose content hash differs from the bucket's manifest are
/// uploaded, each with its <c>Content-Type</c> and <c>Cache-Control</c>; deletions come last. An object is replaced
/// whole by one PUT, so a reader gets the old object or the new one (I7).
/// </summary>
public sealed class S3Target : ManifestPublishTarget, IDisposable
{
    private readonly S3TargetOptions _options;
    private readonly AmazonS3Client _client;

    public S3Target(S3TargetOptions options, InvalidationCommand? invalidation = null, string basePath = "")
        : base(invalidation, basePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            AuthenticationRegion = options.Region,
            Timeout = options.Timeout,
            MaxErrorRetry = options.MaxErrorRetry,
            // Checksums only where S3 requires them: several S3-compatible servers store trailing checksums as content.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = options.AccessKey is { } key && options.SecretKey is { } secret
            ? new AmazonS3Client(new BasicAWSCredentials(key, secret), config)
            : new AmazonS3Client(config);
    }

    public override string Description => _options.ToString();

    protected override async Task<byte[]?> ReadManifestAsync(CancellationToken cancellationToken) =>
        await GuardAsync("read its manifest", async () =>
        {
            try
            {
                using var response = await _client.GetObjectAsync(_options.Bucket, _options.ManifestKey, cancellationToken);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
            {
                // Nothing published yet.
                return null;
            }
        }, cancellationToken);

    protected override Task WriteManifestAsync(byte[] bytes, CancellationToken cancellationToken) =>
        PutAsync(_options.ManifestKey, bytes, "application/json", CachePolicy.Revalidate, cancellationToken);

    protected override Task WriteAsync(string path, byte[] bytes, string contentType, string cacheControl, CancellationToken cancellationToken) =>
        PutAsync(_options.Prefix + path, bytes, contentType, cacheControl, cancellationToken);

    protected override Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        GuardAsync($"delete {path}", () => _client.DeleteObjectAsync(_options.Bucket, _options.Prefix + path, cancellationToken), cancellationToken);

    public void Dispose() => _client.Dispose();

    private Task<PutObjectResponse> PutAsync(string key, byte[] bytes, string contentType, string cacheControl, CancellationToken cancellationToken) =>
        GuardAsync($"upload {key}", () =>
        {
            var request = new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = key,
                InputStream = new MemoryStream(bytes, writable: false),
                ContentType = contentType,
                // aws-chunked uploads are stored verbatim by some S3-compatible servers: send the plain body.
                UseChunkEncoding = false,
            };
            request.Headers.CacheControl = cacheControl;
            return _client.PutObjectAsync(request, cancellationToken);
        }, cancellationToken);

    private async Task<T> GuardAsync<T>(string action, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PublishException($"Cannot {action} at {Description}: {e.Message}", e);
        }
    }
}
