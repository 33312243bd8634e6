namespace Jamcart.Site;

/// <summary>A product's Markdown description: the file's body, and the <c>description</c> of each locale block that has one.</summary>
public sealed record ProductDescriptions(string Markdown, IReadOnlyDictionary<string, string> ByLocale);
