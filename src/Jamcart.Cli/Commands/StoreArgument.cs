using System.CommandLine;

namespace Jamcart.Cli.Commands;

/// <summary>The STORE argument shared by commands: a folder, defaulting to the current one.</summary>
internal static class StoreArgument
{
    public static Argument<string> Create(string name = "store", string description = "The store folder.", bool optional = true)
    {
        var argument = new Argument<string>(name) { Description = description };
        if (optional)
        {
            argument.DefaultValueFactory = _ => ".";
        }

        // System.CommandLine hands a mistyped option ("--clen") to the argument; say what it is instead.
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && value.StartsWith('-'))
            {
                result.AddError($"unknown option '{value}'");
            }
        });
        return argument;
    }
}
