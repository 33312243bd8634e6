using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Apis;
using Jamcart.Functions.Configuration;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.Cors;
using Jamcart.Functions.Hosting;
using Jamcart.Functions.Problems;
using Jamcart.Functions.RateLimiting;
using Jamcart.Functions.Requests;
using Jamcart.Functions.Security;
using Jamcart.Functions.Timing;
using Jamcart.Functions.Views;
using Jamcart.Payments.Stripe;

using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions;

/// <summary>
/// The checkout functions as a reusable host: <c>Program</c> runs them alone, <c>jamcart serve</c> adds the built
/// site's static files to the same app.
/// </summary>
/// <example>
/// <code>
/// var builder = FunctionsApp.CreateBuilder(args);
/// builder.AddJamcartFunctions();
/// var app = builder.Build();
/// app.UseJamcartFunctions();
/// app.Run();
/// </code>
/// </example>
public static class FunctionsApp
{
    /// <summary>A slim (AOT-friendly) builder reading appsettings, <c>Jamcart__*</c> environment variables and the command line.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null) =>
        CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });

    /// <inheritdoc cref="CreateBuilder(string[], string?)"/>
    public static WebApplicationBuilder CreateBuilder(WebApplicationOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(options);

        // A default below every other source, so appsettings, the environment and the command line still decide.
        // Npgsql logs every statement it runs at Information: a dozen lines per checkout that drown the functions' own;
        // its warnings and errors stay.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Npgsql"] = "Warning" },
        });
        builder.Logging.ClearProviders().AddJamcartConsole();
        return builder;
    }

    /// <summary>
    /// Registers the functions: options from section <c>Jamcart</c> (checked at start-up), the store database
    /// (opened at start-up), the payment provider, the use cases, CORS, rate limits, OpenAPI and the background work.
    /// </summary>
    public static WebApplicationBuilder AddJamcartFunctions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddJamcartEnvironmentAliases();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The largest body any endpoint reads (webhooks); each endpoint counts its own smaller limit.
            kestrel.Limits.MaxRequestBodySize = BodyLimit.Webhook.Bytes;
            RequestHeadLimits.ConfigureServer(kestrel);
        });

        var services = builder.Services;
        services.AddOptions<JamcartOptions>().Bind(builder.Configuration.GetSection(JamcartOptions.Section)).ValidateOnStart()
            .Validate(
                options => options.Background.ToMaintenanceOptions().Validate().Count == 0,
                "Jamcart:Background: OutboxRetention must not be negative and WebhookEventRetention must be at least 3 days (Stripe retries an event that long).");
        services.AddSingleton<IValidateOptions<JamcartOptions>, JamcartOptionsValidator>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, FunctionsJsonContext.Default);
            // Bodies are read with the context's own options, which refuse "2" for 2; the web default here would still
            // make the OpenAPI document offer every number as a string too.
            json.SerializerOptions.NumberHandling = FunctionsJsonContext.Default.Options.NumberHandling;
        });
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<CheckoutDatabaseHost>();
        services.AddHostedService(provider => provider.GetRequiredService<CheckoutDatabaseHost>());
        services.AddSingleton<ICheckoutStore>(provider => new TimedCheckoutStore(provider.GetRequiredService<CheckoutDatabaseHost>().Store));
        services.AddSingleton<IIdempotencyStore>(provider => new TimedIdempotencyStore(provider.GetRequiredService<CheckoutDatabaseHost>().Idempotency));
        services.AddSingleton(provider => provider.GetRequiredService<CheckoutDatabaseHost>().Maintenance);

        services.AddSingleton(provider => StripePaymentProvider.Create(
            provider.GetRequiredService<IOptions<JamcartOptions>>().Value.Payments.ToProviderOptions(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPaymentProvider>(provider => new TimedPaymentProvider(provider.GetRequiredService<StripePaymentProvider>()));
        services.AddSingleton(provider => PaymentScript.For(provider.GetRequiredService<IOptions<JamcartOptions>>().Value.Payments));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<JamcartOptions>>().Value.Checkout);

        services.AddSingleton<PlaceOrder>();
        services.AddSingleton<GetOrder>();
        services.AddSingleton<ConfirmOrder>();
        services.AddSingleton<CancelOrder>();
        services.AddSingleton<GetStock>();
        services.AddSingleton<HandleWebhook>();
        services.AddSingleton<ListOrders>();
        services.AddSingleton<GetAdminOrder>();
        services.AddSingleton<RefundOrder>();
        services.AddSingleton<SetStock>();
        services.AddSingleton<Reconcile>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<JamcartOptions>>().Value.Background.ToMaintenanceOptions());
        services.AddSingleton<RunMaintenance>();

        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, StoreCorsPolicyProvider>();
        services.AddJamcartRateLimits();
        services.AddJamcartOpenApi();
        services.AddHostedService<BackgroundWork>();
        return builder;
    }

    /// <summary>
    /// Opens the store database (applying its migrations) before the host starts, which would otherwise do it and, on a
    /// failure, log the reason with a stack trace before rethrowing it: the caller states it in one line instead.
    /// </summary>
    /// <exception cref="StoreDatabaseUnavailableException">It cannot be opened or migrated; the message says why.</exception>
    public static Task OpenStoreDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<CheckoutDatabaseHost>().OpenAsync(cancellationToken);
    }

    /// <summary>
    /// The pipeline and every endpoint: security headers, Problem Details for every failure, CORS (with
    /// <c>Vary: Origin</c> on every API answer), routing, rate limits, the API groups, the OpenAPI document, and any
    /// <see cref="IApiExtension"/> registered. Middleware added after this (static files) runs when no endpoint matched.
    /// </summary>
    public static WebApplication UseJamcartFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Built here rather than by UseMiddleware<T>, whose binder finds InvokeAsync and the constructor by reflection
        // at start-up: a few milliseconds of a Native AOT cold start.
        var problemLogger = app.Services.GetRequiredService<ILogger<ProblemMiddleware>>();
        app.Use(next => new SecurityHeaders(next).InvokeAsync);
        app.Use(next => new ProblemMiddleware(next, problemLogger).InvokeAsync);
        app.Use(next => new RequestHeadLimits(next).InvokeAsync);
        app.Use(next => new HeadRequests(next).InvokeAsync);
        app.Use(next => new VaryByOrigin(next).InvokeAsync);
        app.UseCors();
        app.UseRouting();
        app.Use(AdminRequestLimits.LendPolicy);
        app.UseRateLimiter();
        app.Use(AdminRequestLimits.RestoreEndpoint);
        // Read at the first admin request, not here: the settings are checked (and a wrong one reported) after this runs.
        var adminKey = new Lazy<AdminKey>(() => new AdminKey(app.Services.GetRequiredService<IOptions<JamcartOptions>>().Value.AdminKey));
        app.Use(next => new AdminKeyGate(next, adminKey).InvokeAsync);

        var api = app.MapGroup("").RequireRateLimiting(RateLimitPolicies.Api);
        api.MapHealthApi();
        api.MapCheckoutApi();
        api.MapOrdersApi();
        api.MapStockApi();
        api.MapWebhooksApi();
        api.MapAdminApi();
        app.MapApiDocs();
        foreach (var extension in app.Services.GetServices<IApiExtension>())
        {
            extension.Map(app);
        }

        return app;
    }
}
