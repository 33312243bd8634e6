using Jamcart.Payments.Sandbox.Api;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>The <c>expand[]</c> paths of a request (<c>latest_charge</c>, <c>charge.payment_intent</c>), checked against what the resource can expand.</summary>
internal sealed class Expansions
{
    private readonly HashSet<string> _paths;

    private Expansions(IEnumerable<string> paths) => _paths = new HashSet<string>(paths, StringComparer.Ordinal);

    public static Expansions None { get; } = new([]);

    /// <summary>The paths, each checked against <paramref name="allowed"/>.</summary>
    /// <exception cref="SandboxApiException">A path that cannot be expanded, worded as Stripe words it.</exception>
    public static Expansions Parse(IReadOnlyList<string> paths, IReadOnlySet<string> allowed)
    {
        foreach (var path in paths)
        {
            if (!allowed.Contains(path))
            {
                throw StripeErrors.CannotExpand(path);
            }
        }

        return paths.Count == 0 ? None : new Expansions(paths);
    }

    public bool Has(string field) => _paths.Contains(field);

    /// <summary>The paths below <paramref name="field"/>, for rendering the expanded object.</summary>
    public Expansions Under(string field)
    {
        var prefix = field + ".";
        var nested = _paths.Where(path => path.StartsWith(prefix, StringComparison.Ordinal)).Select(path => path[prefix.Length..]).ToList();
        return nested.Count == 0 ? None : new Expansions(nested);
    }
}
