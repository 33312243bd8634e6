namespace Jamcart.EndToEnd.Tests.Hosting;

/// <summary>Where the tests find the repository's files: the sample store, the installed axe-core, the artifacts folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string TeaShop => Path.Combine(Root, "samples", "tea-shop");

    /// <summary>Installed by <c>test.sh</c> (<c>npm ci</c> in this project's folder, git-ignored).</summary>
    public static string AxeScript => Path.Combine(Root, "tests", "Jamcart.EndToEnd.Tests", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Test artifacts, git-ignored: the screenshots of every step.</summary>
    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Jamcart.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Jamcart.slnx) is not above the test binaries");
    }
}
