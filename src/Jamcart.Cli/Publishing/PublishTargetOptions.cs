using System.CommandLine;

using Jamcart.Site;

namespace Jamcart.Cli.Publishing;

/// <summary>
/// The options that name a publish target, shared by <c>jamcart publish</c> and <c>jamcart worker</c>:
/// <c>--to DIR</c> (a folder), <c>--to s3://bucket/prefix</c> (an S3-compatible bucket; credentials from the usual
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), <c>--to https://…</c> (a host's deploy hook).
/// </summary>
internal sealed class PublishTargetOptions
{
    public const string EnvironmentVariable = "JAMCART_PUBLISH_TO";

    public Option<string?> To { get; } = new("--to")
    {
        Description = $"Where to publish: a folder, s3://bucket[/prefix], or a deploy hook https://… (default: ${EnvironmentVariable}).",
    };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "An S3-compatible server's URL (default: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL, else AWS S3).",
    };

    public Option<string?> Region { get; } = new("--region") { Description = "The bucket's region (default: $AWS_REGION, then us-east-1)." };

    public Option<bool> PathStyle { get; } = new("--path-style") { Description = "Address the bucket as endpoint/bucket/key (most self-hosted S3 servers)." };

    public Option<string?> Invalidate { get; } = new("--invalidate")
    {
        Description = "A command run with the changed URL paths as its last arguments after each publish that changed anything (a CDN invalidation).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(To);
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(PathStyle);
        command.Options.Add(Invalidate);
    }

    /// <summary>The target the options name, or null with the reason in <paramref name="problem"/>.</summary>
    /// <param name="basePath">The site's base URL path, which prefixes the paths given to the invalidation command.</param>
    public IPublishTarget? Create(ParseResult parsed, string basePath, out string? problem)
    {
        problem = null;
        var to = parsed.GetValue(To) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(to))
        {
            problem = $"say where to publish with --to (a folder, s3://bucket/prefix or a deploy hook URL) or ${EnvironmentVariable}";
            return null;
        }

        var invalidation = parsed.GetValue(Invalidate) is { Length: > 0 } command ? new InvalidationCommand(command) : null;
        if (to.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return CreateBucket(parsed, to, invalidation, basePath, out problem);
        }

        if (Uri.TryCreate(to, UriKind.Absolute, out var hook) && (hook.Scheme == Uri.UriSchemeHttps || hook.Scheme == Uri.UriSchemeHttp))
        {
            if (hook.Scheme == Uri.UriSchemeHttp && !hook.IsLoopback)
            {
                // A deploy hook's URL is its only credential: sent in the clear, anyone on the way could redeploy the site.
                problem = "a deploy hook URL is a secret, so it must be https:// (http:// only on a loopback address)";
                return null;
            }

            // A host that builds the site itself has its own CDN: nothing to invalidate here.
            return new DeployHookTarget(hook, new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        }

        var folder = to.StartsWith("folder:", StringComparison.OrdinalIgnoreCase) ? to["folder:".Length..] : to;
        return new FolderTarget(Path.GetFullPath(folder), invalidation, basePath);
    }

    private S3Target? CreateBucket(ParseResult parsed, string to, InvalidationCommand? invalidation, string basePath, out string? problem)
    {
        problem = null;
        var rest = to["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0)
        {
            problem = $"--to '{to}' names no bucket: s3://bucket or s3://bucket/prefix";
            return null;
        }

        var endpointText = parsed.GetValue(Endpoint)
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3")
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        Uri? endpoint = null;
        if (!string.IsNullOrEmpty(endpointText) && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
        {
            problem = $"--endpoint '{endpointText}' is not a URL";
            return null;
        }

        return new S3Target(new S3TargetOptions
        {
            Bucket = bucket,
            Prefix = prefix.Length == 0 ? "" : prefix + "/",
            Endpoint = endpoint,
            Region = parsed.GetValue(Region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
            PathStyle = parsed.GetValue(PathStyle),
        }, invalidation, basePath);
    }
}
