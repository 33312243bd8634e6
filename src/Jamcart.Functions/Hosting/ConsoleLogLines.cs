using ZLogger;

namespace Jamcart.Functions.Hosting;

/// <summary>
/// The functions' log on standard output: one line per entry, <c>info: Category[EventId] message</c>, as ASP.NET Core's
/// console logger writes it with <c>SingleLine</c>, and an exception's text on the lines after its entry.
/// </summary>
/// <remarks>
/// <para>
/// Written by ZLogger rather than by ASP.NET Core's console logger. That one hands every entry to a thread of its
/// own, wakes the thread for it and writes it with a system call of its own. Under checkout load, one line per
/// checkout cost about a tenth of the functions' CPU on the 2-core reference machine (0.06 ms per checkout against
/// none logged), as the logger's thread took the CPU from the requests. ZLogger queues entries for a loop on the thread
/// pool that writes whatever has queued up in one go; it took that cost about half way to none (docs/benchmarks.md).
/// </para>
/// <para>
/// At most <see cref="QueuedLines"/> entries wait to be written; past that a request that logs waits for room, as with
/// ASP.NET Core's logger, rather than the process growing without bound or lines being lost when output is slow.
/// Entries still queued are written when the host stops.
/// </para>
/// </remarks>
internal static class ConsoleLogLines
{
    internal const int QueuedLines = 10_000;

    public static ILoggingBuilder AddJamcartConsole(this ILoggingBuilder logging) =>
        logging.AddZLoggerConsole(console =>
        {
            console.FullMode = BackgroundBufferFullMode.Block;
            console.BackgroundBufferCapacity = QueuedLines;
            console.UsePlainTextFormatter(text => text.SetPrefixFormatter(
                $"{0}: {1}[{2}] ",
                (in MessageTemplate template, in LogInfo info) => template.Format(LevelName(info.LogLevel), info.Category.Name, info.EventId.Id)));
        });

    /// <summary>The four letters ASP.NET Core's console logger writes for a level, so that the lines read as before.</summary>
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
