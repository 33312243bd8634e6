using Jamcart.Core;

namespace Jamcart.Worker.Receipts;

/// <summary>One line of a receipt.</summary>
public sealed record ReceiptLineView(string Sku, string Title, int Quantity, Money UnitPrice, Money Amount);
