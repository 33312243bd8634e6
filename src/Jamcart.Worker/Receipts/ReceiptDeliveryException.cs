namespace Jamcart.Worker.Receipts;

/// <summary>A receipt was not accepted for delivery.</summary>
public sealed class ReceiptDeliveryException : Exception
{
    public ReceiptDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException) => Permanent = permanent;

    public ReceiptDeliveryException()
    {
    }

    public ReceiptDeliveryException(string message)
        : base(message)
    {
    }

    public ReceiptDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the server refused it for good (a 5xx for the address or the message): sending it again cannot help.</summary>
    public bool Permanent { get; }
}
