using Jamcart.Functions.Configuration;
using Jamcart.Payments.Stripe;

namespace Jamcart.Functions.Views;

/// <summary>
/// Where browsers load the payment provider's script, given to them as <c>payment.scriptUrl</c>: Stripe.js for
/// <c>stripe</c>, <c>sandbox.js</c> on the sandbox's own origin for <c>sandbox</c>. Null when it is not known.
/// </summary>
public sealed record PaymentScript(string? Url)
{
    /// <summary>Stripe.js, always loaded from Stripe itself (never bundled or self-hosted, as Stripe requires).</summary>
    public const string StripeJs = "https://js.stripe.com/v3/";

    /// <summary>The script of the provider these settings configure.</summary>
    public static PaymentScript For(PaymentsOptions payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        return payments.Provider switch
        {
            StripeProviderOptions.StripeName => new(StripeJs),
            StripeProviderOptions.SandboxName when payments.ApiBase is { } sandbox => new(new Uri(sandbox, "sandbox.js").AbsoluteUri),
            _ => new((string?)null),
        };
    }
}
