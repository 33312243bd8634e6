using System.Diagnostics.CodeAnalysis;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The feature switch that picks the adapter's client: Stripe.net, the project's standard, unless the build turns it
/// off; the functions' Native AOT publish does, and the compiler then leaves Stripe.net out of the binary.
/// </summary>
/// <remarks>
/// Stripe.net reads and writes JSON and form bodies with reflection (Newtonsoft.Json among it), which cannot be compiled
/// ahead of time without warnings. A publish sets the switch with
/// <c>&lt;RuntimeHostConfigurationOption Include="Jamcart.Payments.Stripe.UseStripeNet" Value="false" Trim="true" /&gt;</c>:
/// the trimmer replaces <see cref="IsEnabled"/> by that constant and drops the branch that builds <see cref="StripeNetApi"/>.
/// </remarks>
internal static class StripeNetSwitch
{
    public const string Name = "Jamcart.Payments.Stripe.UseStripeNet";

    /// <summary>True unless the switch is set to false.</summary>
    [FeatureSwitchDefinition(Name)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [UnconditionalSuppressMessage(
        "Trimming",
        "IL4000:Return value does not match FeatureGuardAttribute",
        Justification = "Trimming and Native AOT treat a guard of RequiresUnreferencedCode as false, and the functions' AOT publish sets the switch to false as well.")]
    public static bool IsEnabled => AppContext.TryGetSwitch(Name, out var enabled) ? enabled : true;
}
