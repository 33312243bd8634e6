using System.Net;

using Jamcart.Payments.Stripe.Wire;

namespace Jamcart.Payments.Stripe;

/// <summary>A request Stripe answered with anything but 200: its status and, when the body was Stripe's error object, that error.</summary>
internal sealed class StripeApiException : Exception
{
    public StripeApiException()
    {
    }

    public StripeApiException(string message)
        : base(message)
    {
    }

    public StripeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StripeApiException(HttpStatusCode statusCode, ErrorObject? error, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Null when the body was not Stripe's error object (a proxy's page, a truncated answer).</summary>
    public ErrorObject? Error { get; }
}
