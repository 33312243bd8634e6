using Xunit.Sdk;
using Xunit.v3;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>The theory counterpart of <see cref="ContractFactDiscoverer"/>: no data rows, no cases, for a class not opted in here.</summary>
public sealed class ContractTheoryDiscoverer : TheoryDiscoverer
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
