namespace Jamcart.Site;

/// <summary>A file under <c>assets/</c> (or of the default theme), with the hash that fingerprints it.</summary>
public sealed record StoreAsset(string Path, string? FullPath, Hash128 Hash, long Length)
{
    /// <summary>Bytes of an embedded theme asset; null for a store file, which is read from <see cref="FullPath"/>.</summary>
    public byte[]? Content { get; init; }

    public byte[] ReadAll() => Content ?? File.ReadAllBytes(FullPath!);
}
