namespace Jamcart.Core;

/// <summary>What turns a list of priced lines into an order total: the store's currency, shipping and tax.</summary>
/// <param name="Shipping">Null when the store sells no physical goods: no address is asked for and nothing is charged.</param>
public sealed record PricingRules(Currency Currency, ShippingRule? Shipping, TaxRule Tax)
{
    /// <summary>Whether orders need a shipping address.</summary>
    public bool RequiresShipping => Shipping is not null;
}
