namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// Marks a contract test class that runs only when all the named environment variables are set; without them its
/// <see cref="ContractFactAttribute"/> and <see cref="ContractTheoryAttribute"/> tests are not discovered at all.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class OptInByEnvironmentAttribute(params string[] variables) : Attribute
{
    public IReadOnlyList<string> Variables { get; } = variables;

    /// <summary>Whether a test class may run here: it is not opted in, or every variable it names has a value.</summary>
    public static bool Allows(Type testClass)
    {
        var optIn = (OptInByEnvironmentAttribute?)GetCustomAttribute(testClass, typeof(OptInByEnvironmentAttribute), inherit: true);
        return optIn is null || optIn.Variables.All(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));
    }
}
