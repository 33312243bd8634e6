namespace Jamcart.Checkout.Orders;

/// <summary>Where to send a physical order; <c>country</c> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record ShippingAddress(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string? PostalCode,
    string Country);
