using System.Security.Cryptography;
using System.Text;

using Jamcart.Functions.Problems;

using Microsoft.Extensions.Primitives;

namespace Jamcart.Functions.Security;

/// <summary>
/// The admin key from configuration, and the one answer to a request without it. Both keys are hashed first so the
/// comparison takes the same time whatever the length or the first wrong character.
/// </summary>
internal sealed class AdminKey(string key)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The answer to an admin request without the right key: 401 <c>unauthorized</c>, naming the scheme.</summary>
    public static ProblemResult Refusal() =>
        ProblemResult.Of(
            ApiProblems.Unauthorized,
            "Send the admin key as Authorization: Bearer <key>.",
            new KeyValuePair<string, string>("WWW-Authenticate", "Bearer"));

    /// <summary>Whether the request carries exactly one <c>Authorization: Bearer &lt;admin key&gt;</c>.</summary>
    public bool IsPresentedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StringValues authorization = request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(value["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
