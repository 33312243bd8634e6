using System.CommandLine;

using Jamcart.Cli.Output;
using Jamcart.Cli.Publishing;
using Jamcart.Site;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart publish [STORE] --to TARGET [-o OUT]</c>: publishes the built site (build it first) to a folder, an
/// S3-compatible bucket or a deploy hook. Prints the changed URL paths, one a line, for a CDN invalidation.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create();
        var output = new Option<string?>("--output", "-o") { Description = "The built site to publish (default: STORE/public)." };
        var target = new PublishTargetOptions();
        var command = new Command("publish", "Publish the built site to a folder, an S3-compatible bucket or a host's deploy hook.") { store, output };
        target.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var storeRoot = Path.GetFullPath(parsed.GetValue(store)!);
            var outputRoot = Path.GetFullPath(parsed.GetValue(output) ?? BuildCommand.DefaultOutput(storeRoot));
            var basePath = StoreLoader.Load(storeRoot).Config?.BasePath ?? "";
            var destination = target.Create(parsed, basePath, out var problem);
            if (destination is null)
            {
                Terminal.Error.WriteLine($"jamcart: {problem}");
                return ExitCodes.Usage;
            }

            try
            {
                var result = await destination.PublishAsync(new PublishRequest(outputRoot), cancellationToken);
                foreach (var path in CdnPaths.Of(result.ChangedPaths, basePath))
                {
                    Console.Out.WriteLine(path);
                }

                Terminal.Error.WriteLine(
                    $"jamcart: published to {destination.Description}: {result.Written.Count} written, {result.Deleted.Count} deleted, {result.Unchanged} unchanged");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is PublishException or ArgumentException)
            {
                Terminal.Error.WriteLine($"jamcart: {e.Message}");
                return ExitCodes.StoreErrors;
            }
            finally
            {
                (destination as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
