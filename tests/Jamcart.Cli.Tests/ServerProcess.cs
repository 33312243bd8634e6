using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Jamcart.Cli.Tests;

/// <summary>A long-running <c>jamcart</c> command (dev, serve) started as a process, its output collected, stopped with Ctrl-C.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IEnumerable<string> Output => _output;

    /// <summary>The process id it was started with.</summary>
    public int Id => _process.Id;

    /// <summary>The environment the process's current image started with (<c>/proc/PID/environ</c>).</summary>
    public IReadOnlyList<string> StartEnvironment() =>
        File.ReadAllText($"/proc/{_process.Id}/environ").TrimEnd('\0').Split('\0');

    public static ServerProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = CliProcess.StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ServerProcess(Process.Start(info)!);
    }


    public Task WaitForOutputAsync(string text, string what) =>
        WaitUntilAsync(() => Task.FromResult(_output.Any(line => line.Contains(text, StringComparison.Ordinal))), what);

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"jamcart exited with {_process.ExitCode} before {what}; output:\n{string.Join("\n", _output)}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting for {what}; output:\n{string.Join("\n", _output)}");
    }

    /// <summary>Sends SIGINT, as Ctrl-C does, and returns the exit code.</summary>
    /// <remarks>
    /// A test run started in the background without job control (bash's <c>command &amp;</c>) ignores SIGINT, and
    /// every process below it inherits that, as .NET leaves an ignored signal ignored: there no Ctrl-C can reach the
    /// server, so the stop is asked with SIGTERM, which jamcart handles the same way.
    /// </remarks>
    public async Task<int> StopAsync()
    {
        var signal = IgnoresSigInt(_process.Id) ? "-TERM" : "-INT";
        Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"still running 15 s after Ctrl-C; output:\n{string.Join("\n", _output)}");
        }

        return _process.ExitCode;
    }

    private static bool IgnoresSigInt(int pid)
    {
        // SigIgn is the mask of ignored signals in hexadecimal; SIGINT is signal 2, bit 1.
        var ignored = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        return ignored is not null && (ulong.Parse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2) != 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
