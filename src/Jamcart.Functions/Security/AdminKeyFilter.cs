using System.Security.Cryptography;
using System.Text;

using Jamcart.Functions.Configuration;
using Jamcart.Functions.Problems;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Security;

/// <summary>
/// Lets admin calls through only with <c>Authorization: Bearer &lt;admin key&gt;</c>. Both keys are hashed first so the
/// comparison takes the same time whatever the length or the first wrong character.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<JamcartOptions> options) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsAuthorized(context.HttpContext.Request.Headers.Authorization))
        {
            return ProblemResult.Of(
                ApiProblems.Unauthorized,
                "Send the admin key as Authorization: Bearer <key>.",
                new KeyValuePair<string, string>("WWW-Authenticate", "Bearer"));
        }

        return await next(context);
    }

    private bool IsAuthorized(Microsoft.Extensions.Primitives.StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(value["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
