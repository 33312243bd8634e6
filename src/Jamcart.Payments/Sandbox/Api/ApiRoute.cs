using System.Text.Json.Nodes;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>One endpoint of the sandbox's Stripe API: method, path template (<c>/v1/payment_intents/{id}</c>), accepted keys and handler.</summary>
/// <param name="Handler">Runs under the ledger's lock and returns the response object, or throws <see cref="SandboxApiException"/>.</param>
internal sealed record ApiRoute(string Method, string Template, ApiAccess Access, Func<ApiCall, JsonObject> Handler)
{
    private readonly string[] _segments = Template.Trim('/').Split('/');

    /// <summary>The route values when <paramref name="path"/> fits the template, otherwise null.</summary>
    public Dictionary<string, string>? Match(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length != _segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                if (parts[i].Length == 0)
                {
                    return null;
                }

                values[segment[1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
            else if (!string.Equals(segment, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }
}
