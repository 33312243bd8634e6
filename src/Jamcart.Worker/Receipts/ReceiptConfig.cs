using YamlDotNet.RepresentationModel;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// The <c>receipts:</c> part of <c>jamcart.yml</c>: <c>from:</c>, the address receipts are sent from. The SMTP server
/// is never here: its URL holds a password, so it comes from the environment (<see cref="SmtpSettings.EnvironmentVariable"/>).
/// </summary>
public static class ReceiptConfig
{
    /// <summary>
    /// The address receipts of the store at <paramref name="storeRoot"/> are sent from: <c>receipts.from</c>, else
    /// <c>noreply@</c> the host of its <c>baseUrl</c>, else <c>noreply@localhost</c> (a store that does not load yet).
    /// </summary>
    /// <remarks>Reads jamcart.yml alone, not the whole store: the dev server's start must not wait for the products.</remarks>
    public static string FromAddress(string storeRoot)
    {
        var root = Read(Path.Combine(storeRoot, "jamcart.yml"));
        if (Scalar(Section(root, "receipts"), "from") is { } from)
        {
            return from;
        }

        return Scalar(root, "baseUrl") is { } baseUrl && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.IdnHost.Length > 0
            ? "noreply@" + uri.IdnHost
            : "noreply@localhost";
    }

    private static YamlMappingNode? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // The build reports where jamcart.yml is broken; the renderer refuses to send until it is fixed.
            return null;
        }

        return yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
    }

    private static YamlMappingNode? Section(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text.Trim()
            : null;
}
