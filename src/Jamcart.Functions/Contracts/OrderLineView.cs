namespace Jamcart.Functions.Contracts;

/// <summary>One line of an order as the API shows it; amounts in minor units.</summary>
public sealed record OrderLineView(string Sku, string Title, int Quantity, long UnitAmount, long Amount);
