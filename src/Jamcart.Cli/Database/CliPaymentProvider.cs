using Jamcart.Functions.Configuration;
using Jamcart.Payments.Stripe;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Cli.Database;

/// <summary>
/// The payment provider for commands that move money (refunds), configured exactly as the functions are: from the
/// <c>Jamcart__Payments__*</c> environment variables, so one set of secrets serves both. Only the secret key (and the
/// provider and its address) are needed: a command neither serves a browser nor verifies webhooks.
/// </summary>
internal static class CliPaymentProvider
{
    /// <summary>The provider, or null with the configuration's problems.</summary>
    public static StripePaymentProvider? Create(out IReadOnlyList<string> problems)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var payments = new PaymentsOptions();
        try
        {
            configuration.GetSection($"{JamcartOptions.Section}:{nameof(JamcartOptions.Payments)}").Bind(payments);
        }
        catch (InvalidOperationException unreadable) when (UnreadableSetting.Is(unreadable))
        {
            problems = [UnreadableSetting.Describe(unreadable)];
            return null;
        }

        var options = payments.ToProviderOptions();
        options.ServerCallsOnly = true;
        problems = options.Validate();
        return problems.Count > 0 ? null : StripePaymentProvider.Create(options, NullLoggerFactory.Instance, TimeProvider.System);
    }
}
