using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Jamcart.Checkout.Errors;
using Jamcart.Functions.Problems;

namespace Jamcart.Functions.Requests;

/// <summary>
/// Reads request bodies once per request, within the endpoint's <see cref="BodyLimit"/>, and keeps them for whoever
/// reads next (the idempotency filter hashes the same bytes the handler binds). JSON is checked for its media type,
/// its syntax and repeated member names before any binding.
/// </summary>
public static class RequestBody
{
    private const string HalfSurrogate = "The body escapes half of a UTF-16 surrogate pair (a \\u escape from D800 to DFFF without its other half), which is no character.";

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <summary>
    /// The raw body; 413 <c>payload-too-large</c> past the limit, however the body is framed, and 415
    /// <c>unsupported-media-type</c> for a compressed one (RFC 9110 answers a content coding the server does not take
    /// so; read as it is, it would only fail as "not valid JSON" or as a wrong signature).
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<BufferedBody>() is { } buffered)
        {
            return buffered.Bytes;
        }

        var coding = context.Request.Headers.ContentEncoding.ToString().Trim();
        if (coding.Length > 0 && !string.Equals(coding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(ApiProblems.UnsupportedMediaType, $"The body is sent with Content-Encoding '{Printable(coding)}'; send it uncompressed.");
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? BodyLimit.Json.Bytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        // Counted while reading: a chunked body has no length, and a declared one may be a lie. A declared length is
        // read into a buffer of that size and one byte more (to see the end, or a lie), never grown on the way.
        int? declared = context.Request.ContentLength is { } length ? (int)Math.Min(length, limit) : null;
        var writer = new ArrayBufferWriter<byte>((declared ?? 4096) + 1);
        var body = context.Request.Body;
        while (true)
        {
            var memory = writer.GetMemory(declared is { } size ? Math.Max(1, size + 1 - writer.WrittenCount) : 4096);
            var read = await body.ReadAsync(memory, context.RequestAborted);
            if (read == 0)
            {
                break;
            }

            writer.Advance(read);
            if (writer.WrittenCount > limit)
            {
                throw TooLarge(limit);
            }
        }

        var bytes = writer.WrittenMemory;
        context.Features.Set(new BufferedBody(bytes, null));
        return bytes;
    }

    /// <summary>The raw body, refused with 415 <c>unsupported-media-type</c> unless it is empty or <c>application/json</c> (UTF-8).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadJsonBytesAsync(HttpContext context)
    {
        var bytes = await ReadBytesAsync(context);
        if (!bytes.IsEmpty && !IsJson(context.Request.ContentType))
        {
            throw new ApiProblemException(ApiProblems.UnsupportedMediaType, "Send the body as application/json (UTF-8).");
        }

        return bytes;
    }

    /// <summary>The body as a checked JSON document, or null when the body is empty.</summary>
    /// <exception cref="ApiProblemException">415 for another media type, 413 past the limit.</exception>
    /// <exception cref="InvalidRequestException">The body is not JSON, or repeats a member name.</exception>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<BufferedBody>() is { Document: { } cached })
        {
            return cached;
        }

        var bytes = await ReadJsonBytesAsync(context);
        if (bytes.IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
                : "";
            throw InvalidRequestException.For("", $"The body is not valid JSON, or names a member twice{where}.");
        }
        catch (InvalidOperationException)
        {
            // Comparing member names for repeats decodes them, and a name holding half a surrogate pair cannot be.
            throw InvalidRequestException.For("", HalfSurrogate);
        }

        context.Response.RegisterForDispose(document);

        // System.Text.Json accepts a string escaping half a surrogate pair (\ud800 alone) and throws only when it is
        // read, deep in binding or hashing. Such a string is no text (I-JSON, RFC 7493), so it is refused here, once.
        if (bytes.Span.IndexOf("\\u"u8) >= 0 && !IsAllText(document.RootElement))
        {
            throw InvalidRequestException.For("", HalfSurrogate);
        }

        context.Features.Set(new BufferedBody(bytes, document));
        return document;
    }

    /// <summary>
    /// The body bound to <typeparamref name="T"/>; members the API does not know are ignored. A value of the wrong
    /// type is reported at its path (<c>items[0].quantity</c>) without naming any .NET type.
    /// </summary>
    /// <param name="required">Whether an empty body is refused rather than read as null (a JSON <c>null</c> is refused either way).</param>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, bool required = true)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var document = await ReadJsonAsync(context);
        if (document is null)
        {
            return required ? throw InvalidRequestException.For("", "A JSON object is required.") : null;
        }

        // Only an empty body leaves an optional one out. A JSON null is what a client sends when it serialised a
        // request it never made: read as left out, it would ask a refund for the whole payment.
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.For("", "The body must be a JSON object.");
        }

        try
        {
            return document.RootElement.Deserialize(typeInfo);
        }
        catch (JsonException exception)
        {
            throw InvalidRequestException.For(ApiPath(exception.Path), "This value has the wrong type or is out of range.");
        }
    }

    /// <summary>Whether every string and member name in <paramref name="element"/> decodes to text.</summary>
    private static bool IsAllText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsAllText);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!IsAllText(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>For actions without parameters: an empty body or a JSON object, whose members are ignored.</summary>
    public static async Task EnsureEmptyOrObjectAsync(HttpContext context)
    {
        var document = await ReadJsonAsync(context);
        if (document is not null && document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.For("", "Send no body or a JSON object.");
        }
    }

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>.</summary>
    internal static string ApiPath(string? jsonPath) => jsonPath switch
    {
        null or "$" => "",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        && (media.CharSet is null || string.Equals(media.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));

    // A header value is echoed only as printable ASCII and at most 40 characters of it.
    private static string Printable(string value) =>
        new([.. value.Where(c => c is >= ' ' and <= '~').Take(40)]);

    private static ApiProblemException TooLarge(int limit) =>
        new(ApiProblems.PayloadTooLarge, $"The request body is larger than {limit / 1024} KiB, the most this endpoint accepts.");

    private sealed record BufferedBody(ReadOnlyMemory<byte> Bytes, JsonDocument? Document);
}
