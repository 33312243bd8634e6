using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// Parsed product files of the previous build, keyed by file path, content, currency, locales and the set of
/// asset paths (everything parsing and validation depend on), so an unchanged file is not parsed again. Only files
/// without errors are kept; their warnings are kept too and reported again, so every build says the same.
/// </summary>
internal sealed class ProductCache
{
    private const int FormatVersion = 5;

    // File times are not fine-grained enough to prove that a file written just before the cache was saved did not
    // change again within the same tick; such files are read again, as git does with its "racily clean" entries.

    private readonly Hash128 _engine;
    private const string FileName = "products.bin";

    private readonly Dictionary<Hash128, CachedProduct> _entries = [];
    private Dictionary<Hash128, CachedProduct> _used = [];
    private readonly Dictionary<string, FileStamp> _stamps = new(StringComparer.Ordinal);
    private Dictionary<string, FileStamp> _newStamps = new(StringComparer.Ordinal);
    private long _savedAt;
    private bool _changed;

    public ProductCache(Hash128 engine = default) => _engine = engine;

    public static Hash128 KeyOf(string path, Hash128 content, Currency? currency, IReadOnlyList<string>? locales, Hash128 assetPaths)
    {
        var key = new InputHash().Add(path).Add(content).Add(currency?.Code).Add(locales?.Count ?? -1);
        foreach (var locale in locales ?? [])
        {
            key.Add(locale);
        }

        return key.Add(assetPaths).Value;
    }

    /// <summary>Looks up a parsed file; safe from many threads at once, as nothing writes while files load.</summary>
    public bool TryGet(Hash128 key, out CachedProduct product) => _entries.TryGetValue(key, out product!);

    /// <summary>
    /// The content hash of a file known from its size and modification time alone, without reading it, when the
    /// previous build saw the same size and time and the file was not modified in the moments before it saved.
    /// </summary>
    public bool TryGetContentHash(string path, long size, long modified, out Hash128 hash)
    {
        hash = default;
        if (_stamps.TryGetValue(path, out var stamp) && stamp.Size == size && stamp.Modified == modified && modified < _savedAt - InputStamps.RacyWindow)
        {
            hash = stamp.Hash;
            return true;
        }

        return false;
    }

    /// <summary>Keeps exactly these entries for the next build: the files of this one, reused or newly parsed.</summary>
    public void Retain(IEnumerable<(Hash128 Key, CachedProduct Product)> entries, IEnumerable<(string Path, FileStamp Stamp)> stamps)
    {
        _newStamps = stamps.ToDictionary(s => s.Path, s => s.Stamp, StringComparer.Ordinal);
        _changed |= _newStamps.Count != _stamps.Count || _newStamps.Any(s => !_stamps.TryGetValue(s.Key, out var old) || old != s.Value);
        _used = [];
        foreach (var (key, product) in entries)
        {
            _changed |= !_entries.ContainsKey(key);
            _used[key] = product;
        }
    }

    /// <param name="engine">The version of Jamcart's code: another version parses differently, so its cache is dropped.</param>
    public static ProductCache Load(string sidecar, Hash128 engine)
    {
        var cache = new ProductCache(engine);
        var path = Path.Combine(sidecar, FileName);
        if (!File.Exists(path))
        {
            return cache;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(File.ReadAllBytes(path)));
            if (reader.ReadInt32() != FormatVersion || new Hash128(reader.ReadUInt64(), reader.ReadUInt64()) != engine)
            {
                return cache;
            }

            cache._savedAt = reader.ReadInt64();
            var stamps = reader.ReadInt32();
            for (var i = 0; i < stamps; i++)
            {
                cache._stamps[reader.ReadString()] = new FileStamp(reader.ReadInt64(), reader.ReadInt64(), new Hash128(reader.ReadUInt64(), reader.ReadUInt64()));
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = new Hash128(reader.ReadUInt64(), reader.ReadUInt64());
                cache._entries[key] = CachedProduct.Read(reader);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException)
        {
            // A damaged cache only costs parsing every file again.
            cache._entries.Clear();
            cache._stamps.Clear();
        }

        return cache;
    }

    /// <summary>Saves the entries this build used (dropping those of deleted or edited files), if any is new.</summary>
    public void Save(string sidecar)
    {
        if (!_changed && _used.Count == _entries.Count)
        {
            return;
        }

        Directory.CreateDirectory(sidecar);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            writer.Write(_engine.High);
            writer.Write(_engine.Low);
            writer.Write(DateTime.UtcNow.Ticks);
            writer.Write(_newStamps.Count);
            foreach (var (path, stamp) in _newStamps)
            {
                writer.Write(path);
                writer.Write(stamp.Size);
                writer.Write(stamp.Modified);
                writer.Write(stamp.Hash.High);
                writer.Write(stamp.Hash.Low);
            }

            writer.Write(_used.Count);
            foreach (var (key, product) in _used)
            {
                writer.Write(key.High);
                writer.Write(key.Low);
                product.Write(writer);
            }
        }

        AtomicFile.Write(Path.Combine(sidecar, FileName), buffer.ToArray());
    }
}

/// <summary>A file's size and modification time (UTC ticks) when its content had <see cref="Hash"/>.</summary>
internal readonly record struct FileStamp(long Size, long Modified, Hash128 Hash);

/// <summary>What parsing one valid product file produced: its data, its titles and summaries in other locales, and its warnings.</summary>
internal sealed record CachedProduct(Product Product, IReadOnlyDictionary<string, ProductText> Texts, int SkuLine, IReadOnlyList<Diagnostic> Warnings, Hash128 CardHash)
{
    internal static CachedProduct Read(BinaryReader reader)
    {
        var sku = reader.ReadString();
        var title = reader.ReadString();
        var minor = reader.ReadInt64();
        var currency = Currency.Get(reader.ReadString());
        var stock = reader.ReadInt64();
        var categories = ReadList(reader);
        var images = ReadList(reader);
        var draft = reader.ReadBoolean();
        var summary = reader.ReadBoolean() ? reader.ReadString() : null;
        var weight = reader.ReadInt32();
        var texts = new Dictionary<string, ProductText>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            texts[reader.ReadString()] = new ProductText(ReadOptional(reader), ReadOptional(reader));
        }

        var skuLine = reader.ReadInt32();
        var warnings = new Diagnostic[reader.ReadInt32()];
        for (var i = 0; i < warnings.Length; i++)
        {
            warnings[i] = Diagnostic.Read(reader);
        }

        var cardHash = new Hash128(reader.ReadUInt64(), reader.ReadUInt64());
        return new CachedProduct(new Product(sku, title, new Money(minor, currency), stock, categories, images, draft, summary, weight), texts, skuLine, warnings, cardHash);
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Product.Sku);
        writer.Write(Product.Title);
        writer.Write(Product.Price.Minor);
        writer.Write(Product.Price.Currency.Code);
        writer.Write(Product.InitialStock);
        WriteList(writer, Product.Categories);
        WriteList(writer, Product.Images);
        writer.Write(Product.Draft);
        writer.Write(Product.Summary is not null);
        if (Product.Summary is not null)
        {
            writer.Write(Product.Summary);
        }

        writer.Write(Product.Weight);
        writer.Write(Texts.Count);
        foreach (var (locale, text) in Texts)
        {
            writer.Write(locale);
            WriteOptional(writer, text.Title);
            WriteOptional(writer, text.Summary);
        }

        writer.Write(SkuLine);
        writer.Write(Warnings.Count);
        foreach (var warning in Warnings)
        {
            warning.Write(writer);
        }

        writer.Write(CardHash.High);
        writer.Write(CardHash.Low);
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadList(BinaryReader reader)
    {
        var items = new string[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadString();
        }

        return items;
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (var item in items)
        {
            writer.Write(item);
        }
    }
}
