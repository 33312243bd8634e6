using Jamcart.Checkout.Errors;

namespace Jamcart.Checkout.UseCases;

/// <summary>A request's problems gathered by path (<c>items[0].quantity</c>), so that all of them are reported at once.</summary>
internal sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(string path, string problem)
    {
        if (!_byPath.TryGetValue(path, out var problems))
        {
            _byPath[path] = problems = [];
        }

        problems.Add(problem);
        Count++;
    }

    /// <exception cref="InvalidRequestException">Any problem was added.</exception>
    public void ThrowIfAny()
    {
        if (Count > 0)
        {
            throw new InvalidRequestException(_byPath.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
