using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Jamcart.Testing;

/// <summary>Every log line written during a test, with its arguments, to check what a log may and may not hold (nothing secret: I5, I6).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>A logger factory writing here, Debug and up.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The arguments too, not only the message: a structured sink stores them even when the text leaves them out.
            var arguments = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : "";
            logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {arguments} | {exception?.Message}");
        }
    }
}
