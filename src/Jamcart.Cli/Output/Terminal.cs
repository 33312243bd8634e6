using Spectre.Console;

namespace Jamcart.Cli.Output;

/// <summary>The consoles commands write to: results on standard output, problems on standard error.</summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;

    public static TextWriter Error => Console.Error;

    public static bool Interactive => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
}
