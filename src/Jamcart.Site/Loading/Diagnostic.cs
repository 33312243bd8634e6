namespace Jamcart.Site;

/// <summary>How bad a problem in a store folder is: errors stop the build, warnings do not.</summary>
public enum Severity
{
    Warning,
    Error,
}

/// <summary>One problem found in a store folder, located at a file, line and column (1-based).</summary>
public sealed record Diagnostic(string Path, int Line, int Column, Severity Severity, string Message)
{
    /// <summary>Formats as <c>path:line:column: error: message</c>, the shape compilers use so editors can jump to it.</summary>
    public string Format(string pathPrefix = "")
    {
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{pathPrefix}{Path}:{Line}:{Column}: {kind}: {Message}";
    }

    public override string ToString() => Format();

    /// <summary>Writes the diagnostic as the sidecar's caches and the build server's answers carry it.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Path);
        writer.Write(Line);
        writer.Write(Column);
        writer.Write(Severity == Severity.Error);
        writer.Write(Message);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static Diagnostic Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Diagnostic(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(),
            reader.ReadBoolean() ? Severity.Error : Severity.Warning, reader.ReadString());
    }
}
