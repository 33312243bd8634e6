using System.Text.Json;

namespace Jamcart.Site;

/// <summary>
/// What a target holds, as its last publish left it: the content hash of every path. Kept at the target itself (a
/// bucket holds its own), so any publisher, after a restart or a failover, compares with the target and not with a
/// listing of it.
/// </summary>
internal sealed class PublishManifest
{
    private const int FormatVersion = 1;

    private readonly Dictionary<string, string> _hashes;

    private PublishManifest(Dictionary<string, string> hashes) => _hashes = hashes;

    public IEnumerable<string> Paths => _hashes.Keys;

    public static PublishManifest Empty() => new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The manifest in <paramref name="bytes"/>; empty when there is none or it cannot be read, which only costs a full upload.</summary>
    public static PublishManifest Parse(byte[]? bytes)
    {
        var manifest = Empty();
        if (bytes is null)
        {
            return manifest;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("version", out var version) || version.GetInt32() != FormatVersion)
            {
                return manifest;
            }

            foreach (var file in root.GetProperty("files").EnumerateObject())
            {
                manifest._hashes[file.Name] = file.Value.GetString() ?? "";
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            manifest._hashes.Clear();
        }

        return manifest;
    }

    public static string HashOf(ReadOnlySpan<byte> bytes) => InputHash.Of(bytes).ToString();

    public bool Holds(string path, string hash) => _hashes.TryGetValue(path, out var held) && held == hash;

    public bool Contains(string path) => _hashes.ContainsKey(path);

    public void Set(string path, string hash) => _hashes[path] = hash;

    public void Remove(string path) => _hashes.Remove(path);

    public PublishManifest Copy() => new(new Dictionary<string, string>(_hashes, StringComparer.Ordinal));

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream(_hashes.Count * 80);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("files");
            foreach (var (path, hash) in _hashes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(path, hash);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
