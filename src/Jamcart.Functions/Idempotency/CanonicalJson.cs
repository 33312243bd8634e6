using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Jamcart.Functions.Idempotency;

/// <summary>
/// The fingerprint of a JSON body that ignores what does not change its meaning: member order, whitespace and
/// escaping. Members are written sorted by name (ordinal), so two equal bodies hash the same.
/// </summary>
public static class CanonicalJson
{
    /// <summary>SHA-256 of the canonical form, lower-case hex; the empty body has its own hash.</summary>
    public static string Hash(JsonDocument? document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (document is not null)
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true });
            Write(writer, document.RootElement);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers, true, false and null as written: 1 and 1.0 are different requests to a strict reader.
                element.WriteTo(writer);
                break;
        }
    }
}
