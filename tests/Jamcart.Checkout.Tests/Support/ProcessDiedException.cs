namespace Jamcart.Checkout.Tests.Support;

/// <summary>The process running a request stopped where this is thrown, before anything after it happened.</summary>
internal sealed class ProcessDiedException : Exception
{
    public ProcessDiedException()
        : base("The process died here.")
    {
    }
}
