using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Jamcart.Functions.Tests.Support;

/// <summary>Every log line the host writes, formatted, with its exception's text: what an operator would see.</summary>
public sealed class LogCapture : ILoggerProvider
{
    // Bounded: a long run must not keep every line of a load test.
    private const int MaxLines = 50_000;

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <summary>A line the host wrote to its console, when it runs as its own process.</summary>
    public void Add(string line)
    {
        if (_lines.Count < MaxLines)
        {
            _lines.Enqueue(line);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (lines.Count < MaxLines)
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
