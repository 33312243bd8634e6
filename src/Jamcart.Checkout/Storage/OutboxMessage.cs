namespace Jamcart.Checkout.Storage;

/// <summary>
/// Something that happened and that others must act on after the transaction that caused it commits: a page to
/// rebuild, a receipt to send. Written in the same transaction as its cause, so it is never lost or invented.
/// </summary>
/// <param name="Kind">One of <see cref="OutboxKinds"/>.</param>
/// <param name="Skus">The SKUs whose stock or listing may have changed (what the rebuild re-renders).</param>
public sealed record OutboxMessage(string Kind, string? OrderId, IReadOnlyList<string> Skus);
