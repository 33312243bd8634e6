namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Which keys an endpoint accepts.</summary>
internal enum ApiAccess
{
    /// <summary>The secret key only; a publishable key gets 403, as at Stripe.</summary>
    Secret,

    /// <summary>The secret key, or the publishable key with the PaymentIntent's <c>client_secret</c> (what Stripe.js does).</summary>
    SecretOrClientSecret,

    /// <summary>Either key: creating a PaymentMethod from the card field's frame.</summary>
    SecretOrPublishable,
}
