using System.Text;

using Jamcart.Functions.Hosting;

using Microsoft.Extensions.Logging;

using ZLogger;

namespace Jamcart.Functions.Tests.Hosting;

/// <summary>The functions' log lines: one per entry, whatever the values and exceptions in it hold.</summary>
public sealed class ConsoleLogLinesTests
{
    [Fact]
    public void every_entry_is_one_line_whatever_its_values_hold()
    {
        var lines = Logged(logger =>
        {
            Placed(logger, "ord_23ochib6ltkodrlqiqnzuychce", null);
            Refused(logger, "bad\ninfo: Forged[0] paid\r\nend", null);
            FailedWhile(logger, "attaching", new InvalidOperationException("first\nsecond"));
            Korean(logger, null);
        });

        lines.Count.ShouldBe(4);
        lines[0].ShouldBe("info: Jamcart.Test[100] Order ord_23ochib6ltkodrlqiqnzuychce placed");
        lines[1].ShouldBe("warn: Jamcart.Test[110] Webhook refused: bad info: Forged[0] paid  end");
        lines[2].ShouldStartWith("fail: Jamcart.Test[7] Failed while attaching System.InvalidOperationException: first second");
        lines[3].ShouldBe("crit: Jamcart.Test[0] 한국어 ✓");
    }

    [Fact]
    public void control_characters_in_a_value_neither_break_the_line_nor_reach_a_terminal()
    {
        // ESC [1A ESC [2K: cursor up and erase, so that what follows redraws the entry before as a forged one; the 8-bit
        // CSI (U+009B) does the same on terminals that take it; NEL, LS and PS are line breaks to some viewers.
        var lines = Logged(logger => Refused(
            logger,
            "a\u001b[1A\u001b[2Kinfo: Forged[0] paid\u0007\u000b\u000c\u007f|\u0085|\u2028|\u2029|\u009b2J|한국어",
            null));

        var line = lines.ShouldHaveSingleItem();
        line.ShouldNotContain(c => char.IsControl(c) || c == '\u2028' || c == '\u2029');
        line.ShouldBe("warn: Jamcart.Test[110] Webhook refused: a [1A [2Kinfo: Forged[0] paid    |  |   |   |  2J|한국어");
    }

    [Fact]
    public void an_exception_with_its_stack_stays_on_its_entry_line()
    {
        Exception thrown;
        try
        {
            throw new IOException("disk full", new UnauthorizedAccessException("inner"));
        }
        catch (IOException exception)
        {
            thrown = exception;
        }

        var lines = Logged(logger => WriteFailed(logger, thrown));

        lines.ShouldHaveSingleItem().ShouldStartWith("fail: Jamcart.Test[0] Write failed System.IO.IOException: disk full  ---> System.UnauthorizedAccessException: inner");
        lines[0].ShouldContain(nameof(an_exception_with_its_stack_stays_on_its_entry_line));
    }

    [Fact]
    public void entries_queued_when_the_logger_stops_are_still_written()
    {
        var lines = Logged(logger =>
        {
            for (var i = 0; i < 5000; i++)
            {
                Entry(logger, i, null);
            }
        });

        lines.Count.ShouldBe(5000);
        lines[^1].ShouldBe("info: Jamcart.Test[0] entry 4999");
    }

    private static readonly Action<ILogger, string, Exception?> Placed =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(100), "Order {OrderId} placed");

    private static readonly Action<ILogger, string, Exception?> Refused =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(110), "Webhook refused: {Reason}");

    private static readonly Action<ILogger, string, Exception?> FailedWhile =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(7), "Failed while {Step}");

    private static readonly Action<ILogger, Exception?> Korean = LoggerMessage.Define(LogLevel.Critical, default, "한국어 ✓");

    private static readonly Action<ILogger, Exception?> WriteFailed = LoggerMessage.Define(LogLevel.Error, default, "Write failed");

    private static readonly Action<ILogger, int, Exception?> Entry = LoggerMessage.Define<int>(LogLevel.Information, default, "entry {Number}");

    private static List<string> Logged(Action<ILogger> log)
    {
        var output = new MemoryStream();
        using (var loggers = LoggerFactory.Create(logging => logging.AddZLoggerStream(output, ConsoleLogLines.Configure)))
        {
            log(loggers.CreateLogger("Jamcart.Test"));
        }

        // The logger closed the stream when it stopped; what it wrote is still there.
        return [.. Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
