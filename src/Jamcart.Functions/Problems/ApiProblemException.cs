namespace Jamcart.Functions.Problems;

/// <summary>A refusal by the host itself (a body too large, a reused idempotency key), answered as its problem.</summary>
public sealed class ApiProblemException(ApiProblem problem, string detail) : Exception(detail)
{
    public ApiProblem Problem => problem;
}
