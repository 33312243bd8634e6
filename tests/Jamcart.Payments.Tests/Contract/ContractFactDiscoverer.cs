using Xunit.Sdk;
using Xunit.v3;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// Finds no test cases at all in a class whose <see cref="OptInByEnvironmentAttribute"/> variables are unset, so an
/// opt-in provider is absent from the run rather than reported as skipped.
/// </summary>
public sealed class ContractFactDiscoverer : FactDiscoverer
{
    public override ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        IXunitTestMethod testMethod,
        IFactAttribute factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        return OptInByEnvironmentAttribute.Allows(testMethod.TestClass.Class)
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : new([]);
    }
}
