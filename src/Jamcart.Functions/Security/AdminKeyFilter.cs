using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Security;

/// <summary>
/// Lets admin calls through only with <c>Authorization: Bearer &lt;admin key&gt;</c>, before any other filter of the
/// endpoint reads the request. Under <c>/api/admin</c> the <see cref="AdminKeyGate"/> has asked already, before routing's
/// own answers; this filter keeps an endpoint mapped elsewhere with <c>RequireAdminKey</c> just as closed.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<JamcartOptions> options) : IEndpointFilter
{
    private readonly AdminKey _key = new(options.Value.AdminKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!_key.IsPresentedIn(context.HttpContext.Request))
        {
            return AdminKey.Refusal();
        }

        return await next(context);
    }
}
