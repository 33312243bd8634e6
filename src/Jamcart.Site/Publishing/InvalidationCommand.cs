using System.Diagnostics;

namespace Jamcart.Site;

/// <summary>
/// A command the shop configures to make its CDN forget changed paths, run after each publish that changed anything,
/// with the URL paths as its last arguments: <c>aws cloudfront create-invalidation --distribution-id E123 --paths</c>
/// becomes <c>… --paths /products/tea/ /catalog.json</c>. It runs through the shell, so it may hold pipes and variables.
/// </summary>
public sealed class InvalidationCommand(string command)
{
    public string Command => command;

    /// <exception cref="PublishException">The command could not start or exited with a failure; the publish is done again.</exception>
    public async Task RunAsync(IReadOnlyList<string> urlPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urlPaths);
        if (urlPaths.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = "cmd.exe";
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(command + " " + string.Join(' ', urlPaths.Select(p => $"\"{p}\"")));
        }
        else
        {
            // "$@" hands every path over as its own argument, never re-parsed by the shell.
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command + " \"$@\"");
            start.ArgumentList.Add("jamcart-invalidate");
            foreach (var path in urlPaths)
            {
                start.ArgumentList.Add(path);
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PublishException("The CDN invalidation command did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PublishException($"The CDN invalidation command could not start: {e.Message}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await output;
            var message = (await error).Trim();
            if (process.ExitCode != 0)
            {
                var detail = message.Length > 300 ? message[..300] + "…" : message;
                throw new PublishException($"The CDN invalidation command exited with {process.ExitCode}: {detail}");
            }
        }
    }
}
