using System.Text;

using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Jamcart.Site;

/// <summary>Serves the effective templates to Fluid's <c>render</c> and <c>include</c> tags from memory.</summary>
internal sealed class TemplateFileProvider(IReadOnlyDictionary<string, string> sources) : IFileProvider
{
    // Fluid asks for a partial on every render tag, thousands of times a build: encode each once.
    private readonly Dictionary<string, TemplateFile> _files = sources.ToDictionary(
        s => s.Key, s => new TemplateFile(s.Key + ".liquid", Encoding.UTF8.GetBytes(s.Value)), StringComparer.Ordinal);

    // A fixed time: Fluid caches a partial per (path, modified), and these never change during a build.
    private static readonly DateTimeOffset Stamp = DateTimeOffset.UnixEpoch;

    public IFileInfo GetFileInfo(string subpath)
    {
        var name = subpath.TrimStart('/');
        if (name.EndsWith(".liquid", StringComparison.Ordinal))
        {
            name = name[..^".liquid".Length];
        }

        return _files.TryGetValue(name, out var file) ? file : new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class TemplateFile(string name, byte[] bytes) : IFileInfo
    {
        public bool Exists => true;
        public long Length => bytes.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => Stamp;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}
