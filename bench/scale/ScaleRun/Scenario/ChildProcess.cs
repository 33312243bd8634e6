using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Jamcart.Bench.Scale;

/// <summary>
/// A process of the run (a functions instance, a rebuild worker, a build), started with its settings in the
/// environment; every line it writes is kept with the moment it was read, and copied to its log file.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<OutputLine> _lines = new();
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>When <see cref="Kill"/> sent SIGKILL; null while it was not killed.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    public IReadOnlyList<OutputLine> Lines => [.. _lines];

    public string Output => string.Join('\n', _lines.Select(line => line.Text));

    /// <exception cref="FileNotFoundException">The program is not there (not built or not published).</exception>
    public static ChildProcess Start(string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        if (!File.Exists(program))
        {
            throw new FileNotFoundException($"{name}: {program} does not exist; build or publish it first", program);
        }

        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Where a published host finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment)
        {
            info.Environment[variable] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        return new ChildProcess(name, Process.Start(info) ?? throw new InvalidOperationException($"{name}: {program} did not start"), log);
    }

    /// <summary>The first line (already written or still to come) that <paramref name="match"/> accepts.</summary>
    /// <exception cref="TimeoutException">None came in time, or the process exited first; the message holds its output.</exception>
    public async Task<OutputLine> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            foreach (var line in _lines)
            {
                if (match(line.Text))
                {
                    return line;
                }
            }

            if (_process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"nothing after {timeout.TotalSeconds:0} s";
                throw new TimeoutException($"{Name}: waited for {what}, {state}; its output:\n{Output}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The most memory the process has held (its peak resident set, Linux's VmHWM); null once it is gone.</summary>
    public long? PeakMemoryBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name}: still running after {timeout.TotalSeconds:0} s; its output:\n{Output}");
        }

        // The last lines may still be on their way from the pipe.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill ends a process: no shutdown code runs, no lease is given back.</summary>
    public void Kill()
    {
        KilledAt = DateTimeOffset.UtcNow;
        _process.Kill(entireProcessTree: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Receive(string? text)
    {
        if (text is null)
        {
            return;
        }

        var line = new OutputLine(DateTimeOffset.UtcNow, text);
        _lines.Enqueue(line);
        lock (_logGate)
        {
            try
            {
                _log.WriteLine($"{line.At:HH:mm:ss.fff} {text}");
            }
            catch (ObjectDisposedException)
            {
                // A last line after the run closed the log.
            }
        }
    }
}
