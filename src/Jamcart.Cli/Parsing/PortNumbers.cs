using System.CommandLine.Parsing;
using System.Net;

namespace Jamcart.Cli.Parsing;

/// <summary>
/// The parser of every port option: a whole number from 0 to 65535, or a usage error that says so. Left to the
/// server, a port out of range is an ArgumentOutOfRangeException (or a UriFormatException where a URL is built from
/// it) thrown out of the command with its stack.
/// </summary>
internal static class PortNumbers
{
    public static int Parse(ArgumentResult result)
    {
        var port = WholeNumbers.ParseOptional<int>(result);
        if (port is null)
        {
            return 0;
        }

        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
            result.AddError($"{name}: {port} is not a port number (0 to {IPEndPoint.MaxPort}; 0 picks a free one).");
            return 0;
        }

        return port.Value;
    }
}
