using System.Reflection;

namespace Jamcart.Storage.Migrations;

/// <summary>
/// The migrations embedded in this assembly. <c>NNNN_name.sql</c> runs on both engines; <c>NNNN_name.sqlite.sql</c>
/// and <c>NNNN_name.postgres.sql</c> hold the few statements one engine spells differently, run after it.
/// </summary>
internal static class MigrationScripts
{
    private const string Prefix = "migrations/";
    private const string Extension = ".sql";

    public static IReadOnlyList<Migration> For(DatabaseKind kind)
    {
        var engine = kind == DatabaseKind.Sqlite ? "sqlite" : "postgres";
        var assembly = typeof(MigrationScripts).Assembly;
        var scripts = new SortedDictionary<string, List<(int Order, string Sql)>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = resource[Prefix.Length..^Extension.Length].Split('.');
            if (parts.Length == 2 && parts[1] != engine)
            {
                continue;
            }

            if (!scripts.TryGetValue(parts[0], out var list))
            {
                scripts[parts[0]] = list = [];
            }

            list.Add((parts.Length, Read(assembly, resource)));
        }

        return scripts.Select(pair => new Migration(pair.Key, pair.Value.OrderBy(script => script.Order).Select(script => script.Sql).ToList())).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The migration {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
