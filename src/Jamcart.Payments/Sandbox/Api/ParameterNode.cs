namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// One level of a form parameter in Stripe's bracket notation: a value (<c>amount=1000</c>), named children
/// (<c>metadata[order_id]=…</c>), or list items (<c>expand[]=…</c>; Stripe.net writes <c>expand[0]=…</c>, which arrive
/// as children named 0, 1, …).
/// </summary>
internal sealed class ParameterNode
{
    private readonly List<KeyValuePair<string, ParameterNode>> _children = [];

    public string? Value { get; set; }

    public List<ParameterNode> Items { get; } = [];

    public IReadOnlyList<KeyValuePair<string, ParameterNode>> Children => _children;

    public ParameterNode? Child(string name)
    {
        foreach (var (key, node) in _children)
        {
            if (key == name)
            {
                return node;
            }
        }

        return null;
    }

    public ParameterNode GetOrAddChild(string name)
    {
        if (Child(name) is { } existing)
        {
            return existing;
        }

        var node = new ParameterNode();
        _children.Add(new(name, node));
        return node;
    }
}
