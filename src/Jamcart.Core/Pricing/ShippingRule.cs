namespace Jamcart.Core;

/// <summary>Shipping of physical goods: a flat rate per order, free when the goods reach <see cref="FreeOver"/>, to some countries (empty: anywhere).</summary>
public sealed record ShippingRule(Money FlatRate, Money? FreeOver, IReadOnlyList<string> Countries);
