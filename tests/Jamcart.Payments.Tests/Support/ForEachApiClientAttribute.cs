using System.Reflection;

using Xunit.Sdk;
using Xunit.v3;

namespace Jamcart.Payments.Tests;

/// <summary>
/// A theory's data row once per <see cref="ApiClient"/>, the client first: <c>[ForEachApiClient("KRW", 27000)]</c> runs
/// <c>(StripeNet, "KRW", 27000)</c> and <c>(OwnClient, "KRW", 27000)</c>, so each test is written once for both clients.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ForEachApiClientAttribute(params object?[] data) : DataAttribute
{
    public IReadOnlyList<object?> Data { get; } = data;

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(Enum.GetValues<ApiClient>().Select(client => (ITheoryDataRow)new TheoryDataRow([client, .. Data])).ToArray());

    public override bool SupportsDiscoveryEnumeration() => true;
}
