namespace Jamcart.Worker.Receipts;

/// <summary>The store as the receipt templates see it (<c>store.name</c>, <c>store.url</c>).</summary>
public sealed record ReceiptStoreView(string Name, string Url);
