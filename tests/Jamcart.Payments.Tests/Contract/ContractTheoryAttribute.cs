using System.Runtime.CompilerServices;

using Xunit.v3;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>A theory of the payment provider contract: discovered for every provider class that may run here.</summary>
[XunitTestCaseDiscoverer(typeof(ContractTheoryDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : TheoryAttribute(sourceFilePath, sourceLineNumber);
