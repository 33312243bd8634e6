using System.Security.Cryptography;
using System.Text.Json;

namespace Jamcart.Cli.Dev;

/// <summary>
/// The development secrets of one store: sandbox keys, webhook secret and admin key, made once and kept in the store's
/// <c>.jamcart/</c> folder, so a browser tab or a script keeps working across restarts. Never for production.
/// </summary>
internal sealed record DevKeys(string SecretKey, string PublishableKey, string WebhookSecret, string AdminKey)
{
    public const string Folder = ".jamcart";
    private const string FileName = "dev-keys.json";

    /// <summary>Reads the store's keys, or makes and saves new ones; also keeps <c>.jamcart/</c> out of version control.</summary>
    public static DevKeys LoadOrCreate(string storeRoot)
    {
        var folder = Path.Combine(storeRoot, Folder);
        Directory.CreateDirectory(folder);
        // A .gitignore of "*" inside the folder ignores the folder itself, whatever the repository's own rules say.
        var ignore = Path.Combine(folder, ".gitignore");
        if (!File.Exists(ignore))
        {
            File.WriteAllText(ignore, "# Jamcart's local state: the development database and keys. Never commit it.\n*\n");
        }

        var path = Path.Combine(folder, FileName);
        if (File.Exists(path) && Read(path) is { } existing)
        {
            return existing;
        }

        var keys = new DevKeys(
            "sk_test_dev" + Random(24), "pk_test_dev" + Random(24), "whsec_dev" + Random(32), "dev_admin_" + Random(32));
        File.WriteAllText(path, JsonSerializer.Serialize(keys, DevKeysJson.Default.DevKeys));
        return keys;
    }

    private static DevKeys? Read(string path)
    {
        try
        {
            var keys = JsonSerializer.Deserialize(File.ReadAllText(path), DevKeysJson.Default.DevKeys);
            return keys is { SecretKey.Length: > 0, PublishableKey.Length: > 0, WebhookSecret.Length: > 0, AdminKey.Length: >= 32 } ? keys : null;
        }
        catch (JsonException)
        {
            // A damaged file is replaced: these are development keys, nothing of value is lost.
            return null;
        }
    }

    private static string Random(int length) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}
