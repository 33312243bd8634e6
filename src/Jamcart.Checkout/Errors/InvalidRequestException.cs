namespace Jamcart.Checkout.Errors;

/// <summary>The request breaks the API's rules; <see cref="Errors"/> has every problem at once, keyed by path (<c>items[0].quantity</c>).</summary>
public sealed class InvalidRequestException(IReadOnlyDictionary<string, string[]> errors, string? message = null)
    : CheckoutException(message ?? "The request is not valid: see errors.")
{
    public IReadOnlyDictionary<string, string[]> Errors => errors;

    /// <summary>One problem at one path.</summary>
    public static InvalidRequestException For(string path, string problem) =>
        new(new Dictionary<string, string[]> { [path] = [problem] }, problem);
}
