using System.Runtime.CompilerServices;

// The checkout's tests check the request rules and the payment switch directly, besides through the use cases.
[assembly: InternalsVisibleTo("Jamcart.Checkout.Tests")]
