namespace Jamcart.Worker.Receipts;

/// <summary>The store cannot render receipts (its jamcart.yml or a receipt template is broken, the From address is not one): a fix is needed, no retry helps until then.</summary>
public sealed class ReceiptRenderException : Exception
{
    public ReceiptRenderException()
    {
    }

    public ReceiptRenderException(string message)
        : base(message)
    {
    }

    public ReceiptRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
