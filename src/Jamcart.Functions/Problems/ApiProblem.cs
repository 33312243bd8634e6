namespace Jamcart.Functions.Problems;

/// <summary>One row of the API's problem table: its name (the end of <c>type</c>), status and title.</summary>
public sealed record ApiProblem(string Name, int Status, string Title)
{
    /// <summary>The URN prefix of every problem type.</summary>
    public const string TypePrefix = "urn:jamcart:problem:";

    /// <summary><c>urn:jamcart:problem:&lt;name&gt;</c>.</summary>
    public string Type => TypePrefix + Name;
}
