using System.Buffers;
using System.Text;

using ZLogger;

namespace Jamcart.Functions.Hosting;

/// <summary>
/// The functions' log on standard output: one line per entry, <c>info: Category[EventId] message</c>, as ASP.NET Core's
/// console logger writes it with <c>SingleLine</c>: an exception follows its message on the same line, and a line break
/// or any other control character inside either is written as a space, so that no value logged can start a line of its
/// own that reads as an entry, nor redraw one on a terminal.
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
public static class ConsoleLogLines
{
    internal const int QueuedLines = 10_000;

    /// <summary>Logs to standard output in Jamcart's one-line format (docs/logging.md), as every Jamcart process does.</summary>
    public static ILoggingBuilder AddJamcartConsole(this ILoggingBuilder logging) => logging.AddZLoggerConsole(Configure);

    /// <summary>
    /// The same lines on standard error, for a command whose standard output is its answer (<c>jamcart orders refund</c>
    /// prints the order it refunded there).
    /// </summary>
    public static ILoggingBuilder AddJamcartErrorConsole(this ILoggingBuilder logging) =>
        logging.AddZLoggerConsole(options =>
        {
            Configure(options);
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });

    /// <summary>The queue and the line format; also for a stream in place of standard output.</summary>
    internal static void Configure(ZLoggerOptions options)
    {
        options.FullMode = BackgroundBufferFullMode.Block;
        options.BackgroundBufferCapacity = QueuedLines;
        // One per writing loop, which formats one entry at a time: the line's buffer is reused.
        options.UseFormatter(() => new SingleLineFormatter());
    }

    private sealed class SingleLineFormatter : IZLoggerFormatter
    {
        private readonly ArrayBufferWriter<byte> _line = new(512);

        public bool WithLineBreak => true;

        public void FormatLogEntry(IBufferWriter<byte> writer, IZLoggerEntry entry)
        {
            var info = entry.LogInfo;
            _line.ResetWrittenCount();
            _line.Write(LevelName(info.LogLevel));
            _line.Write(info.Category.Utf8Span);
            _line.Write("["u8);
            info.EventId.Id.TryFormat(_line.GetSpan(11), out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            _line.Advance(digits);
            _line.Write("] "u8);
            entry.ToString(_line);
            if (info.Exception is { } exception)
            {
                _line.Write(" "u8);
                Encoding.UTF8.GetBytes(exception.ToString(), _line);
            }

            var line = _line.WrittenSpan;
            var copy = writer.GetSpan(line.Length)[..line.Length];
            line.CopyTo(copy);
            Blank(copy);
            writer.Advance(line.Length);
        }

        /// <summary>
        /// Turns every control character into spaces, byte for byte: line breaks (CR, LF, and the NEL, LS and PS that
        /// some viewers break lines at) and terminal controls (ESC and the 8-bit CSI), with which a value written to a
        /// terminal could move the cursor and redraw earlier lines as entries of its own.
        /// </summary>
        internal static void Blank(Span<byte> line)
        {
            // Most lines are printable ASCII throughout: one vectorized search, not a look at each byte.
            var first = line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
            if (first < 0)
            {
                return;
            }

            for (var i = first; i < line.Length; i++)
            {
                var b = line[i];
                if (b < 0x20 || b == 0x7F)
                {
                    line[i] = (byte)' ';
                }
                else if (b == 0xC2 && i + 1 < line.Length && line[i + 1] is >= 0x80 and <= 0x9F)
                {
                    // U+0080 to U+009F, the C1 controls.
                    line[i] = line[i + 1] = (byte)' ';
                }
                else if (b == 0xE2 && i + 2 < line.Length && line[i + 1] == 0x80 && line[i + 2] is 0xA8 or 0xA9)
                {
                    // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
                    line[i] = line[i + 1] = line[i + 2] = (byte)' ';
                }
            }
        }

        /// <summary>The four letters ASP.NET Core's console logger writes for a level, so that the lines read as before.</summary>
        private static ReadOnlySpan<byte> LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce: "u8,
            LogLevel.Debug => "dbug: "u8,
            LogLevel.Information => "info: "u8,
            LogLevel.Warning => "warn: "u8,
            LogLevel.Error => "fail: "u8,
            _ => "crit: "u8,
        };
    }
}
