namespace Jamcart.Functions.Requests;

/// <summary>Endpoint metadata: the largest request body the endpoint reads, counted as it arrives (not from Content-Length).</summary>
public sealed record BodyLimit(int Bytes)
{
    /// <summary>JSON requests: 64 KiB.</summary>
    public static BodyLimit Json { get; } = new(64 * 1024);

    /// <summary>Provider webhooks: 1 MiB.</summary>
    public static BodyLimit Webhook { get; } = new(1024 * 1024);
}
