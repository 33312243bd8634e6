using System.Runtime.CompilerServices;

using Xunit.v3;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>A fact of the payment provider contract: discovered for every provider class that may run here.</summary>
[XunitTestCaseDiscoverer(typeof(ContractFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber);
