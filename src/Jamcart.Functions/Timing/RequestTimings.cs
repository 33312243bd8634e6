using System.Diagnostics;

namespace Jamcart.Functions.Timing;

/// <summary>
/// Where one request spent its time: database and payment provider calls add to it (through the timing decorators),
/// the rest is the host's own work. Flows with the request's async calls; background work has none.
/// </summary>
internal sealed class RequestTimings
{
    private static readonly AsyncLocal<RequestTimings?> CurrentRequest = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _database;
    private long _provider;

    /// <summary>What a timed call waits on.</summary>
    public enum Part
    {
        Database,
        Provider,
    }

    public static RequestTimings? Current => CurrentRequest.Value;

    /// <summary>Starts measuring the current request; its async calls from here on add to the returned timings.</summary>
    public static RequestTimings Start() => CurrentRequest.Value = new RequestTimings();

    /// <summary>Runs <paramref name="call"/> and adds its duration to <paramref name="part"/> of the current request, if any.</summary>
    public static async Task<T> TimeAsync<T>(Part part, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Current?.Add(part, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <inheritdoc cref="TimeAsync{T}(Part, Func{Task{T}})"/>
    public static async Task TimeAsync(Part part, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            Current?.Add(part, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>The <c>Server-Timing</c> value: <c>db</c>, <c>provider</c> and <c>app</c> (the rest) in milliseconds.</summary>
    public string ToHeader()
    {
        var total = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        var database = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _database)).TotalMilliseconds;
        var provider = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _provider)).TotalMilliseconds;
        var app = Math.Max(0, total - database - provider);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"db;dur={database:0.##}, provider;dur={provider:0.##}, app;dur={app:0.##}");
    }

    private void Add(Part part, long ticks)
    {
        if (part == Part.Database)
        {
            Interlocked.Add(ref _database, ticks);
        }
        else
        {
            Interlocked.Add(ref _provider, ticks);
        }
    }
}
