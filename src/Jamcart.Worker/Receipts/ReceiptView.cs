using Jamcart.Core;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// A paid order as the receipt templates see it (<c>receipt.order_id</c>, <c>receipt.lines</c>, <c>receipt.total</c>):
/// amounts as <see cref="Money"/> for the <c>money</c> filter. Never the order token, the e-mail or payment details.
/// </summary>
public sealed record ReceiptView(
    string OrderId,
    string Locale,
    string PaidAt,
    IReadOnlyList<ReceiptLineView> Lines,
    Money Subtotal,
    Money Discount,
    Money Shipping,
    Money Tax,
    bool TaxInclusive,
    Money Total);
