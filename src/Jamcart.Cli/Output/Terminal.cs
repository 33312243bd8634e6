using Spectre.Console;

namespace Jamcart.Cli.Output;

/// <summary>The consoles commands write to: results on standard output, problems on standard error.</summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = CreateOut();

    public static TextWriter Error => Console.Error;

    public static bool Interactive => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

        // Redirected output is read by scripts and logs: one result a line, never wrapped at 80 columns.
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 10_000;
        }

        return console;
    }
}
