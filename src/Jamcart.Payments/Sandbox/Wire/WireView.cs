namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>Who is asking: a server with the secret key sees whole objects, a browser with the publishable key a subset.</summary>
internal enum WireView
{
    Server,

    /// <summary>
    /// Retrieved with a publishable key and client secret: Stripe leaves out what only the merchant should see
    /// (metadata, charges, customer), so the shop's page never learns more than it needs.
    /// </summary>
    Client,
}
