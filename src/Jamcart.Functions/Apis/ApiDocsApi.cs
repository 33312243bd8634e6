using System.Text;

using Jamcart.Functions.OpenApi;
using Jamcart.Functions.Problems;
using Jamcart.Functions.RateLimiting;
using Jamcart.Functions.Security;

using Scalar.AspNetCore;

namespace Jamcart.Functions.Apis;

/// <summary>
/// The contract as an OpenAPI document (<c>GET /api/openapi.json</c>), with the problem table in its description,
/// and in Development a Scalar API reference page at <c>/api/reference</c>.
/// </summary>
public static class ApiDocsApi
{
    public const string DocumentPath = "/api/openapi.json";

    public static IServiceCollection AddJamcartOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(RequiredMembers.TransformAsync);
            options.AddSchemaTransformer(NeverWrittenMembers.TransformAsync);
            options.AddSchemaTransformer(LeftOutWhenNull.TransformAsync);
            options.AddSchemaTransformer(InputBounds.TransformAsync);
            options.AddSchemaTransformer(OrderStatusValues.TransformAsync);
            options.AddSchemaTransformer(ProviderStatusValues.TransformAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Jamcart checkout functions";
                document.Info.Version = "1";
                document.Info.Description = Description();
                // The default echoes the request's Host header, which anyone can set; without servers, a reader
                // resolves the paths against wherever it fetched the document.
                document.Servers = null;
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Rendered anew for every request, at many times the cost of a health check: limited per client as the API is,
        // so that no one client can keep the server busy with it.
        app.MapOpenApi(DocumentPath).RequireRateLimiting(RateLimitPolicies.Api).ExcludeFromDescription();
        if (app.Environment.IsDevelopment())
        {
            // A local page that calls nowhere else: no usage telemetry, no hosted AI agent or MCP server, no web fonts
            // and no tool bar of Scalar's hosted services.
            app.MapScalarApiReference(SecurityHeaders.ReferencePath, options => options
                .WithTitle("Jamcart checkout functions")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .DisableDefaultFonts()
                .HideDeveloperTools());
        }

        return app;
    }

    private static string Description()
    {
        var text = new StringBuilder()
            .AppendLine("JSON bodies, UTF-8, camelCase; amounts in the currency's minor unit. Bodies over 64 KiB (webhooks: 1 MiB) are refused.")
            .AppendLine("Every error is RFC 9457 Problem Details (application/problem+json) whose `type` is `urn:jamcart:problem:<name>`:")
            .AppendLine()
            .AppendLine("| problem | status | title |")
            .AppendLine("| --- | --- | --- |");
        foreach (var problem in ApiProblems.All)
        {
            text.Append("| `").Append(problem.Type).Append("` | ").Append(problem.Status).Append(" | ").Append(problem.Title).AppendLine(" |");
        }

        return text.ToString();
    }
}
