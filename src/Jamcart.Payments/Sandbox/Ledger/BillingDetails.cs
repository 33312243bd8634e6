namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A PaymentMethod's <c>billing_details</c>, as given when it was created; every field optional.</summary>
internal sealed record BillingDetails
{
    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? City { get; init; }

    public string? Country { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? PostalCode { get; init; }

    public string? State { get; init; }
}
