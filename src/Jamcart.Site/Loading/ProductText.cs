namespace Jamcart.Site;

/// <summary>A product's title and summary in one of the store's other locales, from its locale block; null where the main text stands.</summary>
public sealed record ProductText(string? Title, string? Summary);
