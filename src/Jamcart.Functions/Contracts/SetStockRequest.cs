namespace Jamcart.Functions.Contracts;

/// <summary>The body of <c>PUT /api/admin/stock/{sku}</c>: units on hand, reserved ones included.</summary>
public sealed record SetStockRequest(long? OnHand);
