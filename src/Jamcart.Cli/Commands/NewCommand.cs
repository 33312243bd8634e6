using System.CommandLine;

using Jamcart.Cli.Output;
using Jamcart.Cli.Scaffolding;
using Jamcart.Core;
using Jamcart.Site;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart new DIR [--currency KRW] [--locale ko]</c>: a small store that builds as it is.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var directory = StoreArgument.Create("directory", "The folder to create the store in (new or empty).", optional: false);
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of the prices.", DefaultValueFactory = _ => "USD" };
        var locale = new Option<string>("--locale") { Description = "Default language of the shop's pages.", DefaultValueFactory = _ => "en" };
        var command = new Command("new", "Create a new store folder.") { directory, currency, locale };
        command.SetAction(parsed =>
        {
            var target = parsed.GetValue(directory)!;
            var code = parsed.GetValue(currency)!;
            var language = parsed.GetValue(locale)!;
            if (!Currency.TryGet(code, out var chosen))
            {
                Terminal.Error.WriteLine($"jamcart: '{code}' is not an ISO 4217 currency code (for example USD, EUR, KRW, JPY)");
                return ExitCodes.Usage;
            }

            if (!BuiltInStrings.Locales.Contains(language))
            {
                Terminal.Error.WriteLine($"jamcart: no built-in strings for locale '{language}': use {string.Join(" or ", BuiltInStrings.Locales.Order(StringComparer.Ordinal))}, then add i18n/<locale>.yml for others");
                return ExitCodes.Usage;
            }

            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                Terminal.Error.WriteLine($"jamcart: {target} is not empty; choose a new folder");
                return ExitCodes.Usage;
            }

            StoreScaffold.Write(target, chosen, language);
            Terminal.Out.WriteLine($"Created a store in {target}. Next:");
            Terminal.Out.WriteLine($"  jamcart dev {target}     # build, serve on http://127.0.0.1:8080 and rebuild on change");
            Terminal.Out.WriteLine($"  jamcart build {target}   # write the static site to {Path.Combine(target, "public")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
