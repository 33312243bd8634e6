namespace Jamcart.Site;

/// <summary>A named link: a category, a plain page or a locale in navigation.</summary>
public sealed class LinkView(string title, string url, string slug = "", bool current = false)
{
    public string Title => title;
    public string Name => title;
    public string Url => url;
    public string Slug => slug;
    public bool Current => current;
}
