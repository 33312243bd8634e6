using Jamcart.Checkout.Errors;

namespace Jamcart.Cli.Output;

/// <summary>
/// Names a refused value by the option or argument that carried it (<c>--limit</c>, <c>on-hand</c>), not by the admin
/// API's member (<c>limit</c>, <c>onHand</c>): the shop owner typed the one, and has never seen the other.
/// </summary>
internal static class CommandLineNames
{
    /// <summary>Runs a use case; an invalid request it throws is thrown again with each path named as <paramref name="names"/> says.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, params (string Path, string Name)[] names)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (InvalidRequestException invalid)
        {
            throw new InvalidRequestException(
                invalid.Errors.ToDictionary(error => names.FirstOrDefault(name => name.Path == error.Key).Name ?? error.Key, error => error.Value, StringComparer.Ordinal),
                invalid.Message);
        }
    }
}
