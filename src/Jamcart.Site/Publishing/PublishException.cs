namespace Jamcart.Site;

/// <summary>A publish target could not be reached or refused a change. The message names the target, never a secret.</summary>
public sealed class PublishException : Exception
{
    public PublishException(string message)
        : base(message)
    {
    }

    public PublishException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
