using Microsoft.OpenApi;

namespace Jamcart.Functions.Security;

/// <summary>Puts endpoints behind the admin key, and says so in the OpenAPI document.</summary>
internal static class AdminKeyEndpointExtensions
{
    private const string SchemeName = "adminKey";

    /// <summary>See <see cref="AdminKeyFilter"/>.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminKeyFilter>()
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                context.Document!.Components ??= new OpenApiComponents();
                context.Document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                context.Document.Components.SecuritySchemes.TryAdd(SchemeName, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The admin key from configuration (`Jamcart:AdminKey`), as `Authorization: Bearer <key>`.",
                });
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
                return Task.CompletedTask;
            });
}
