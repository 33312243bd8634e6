namespace Jamcart.Functions.Contracts;

/// <summary>A page of orders, newest first; <c>nextCursor</c> fetches the next page, null on the last.</summary>
public sealed record OrderListView(IReadOnlyList<AdminOrderView> Items, string? NextCursor);
