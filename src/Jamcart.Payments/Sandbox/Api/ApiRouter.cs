using System.Text;
using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

using Microsoft.AspNetCore.Http;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// Answers every <c>/v1/…</c> request the way Stripe's API does, in this order: latency and outage switches, route,
/// authentication, API version, idempotency, then the endpoint itself under the ledger's lock.
/// </summary>
internal sealed class ApiRouter(
    SandboxLedger ledger,
    ApiAuthenticator authenticator,
    IdempotencyStore idempotency,
    ProviderConditions conditions)
{
    private readonly List<ApiRoute> _routes = [];

    public void Get(string template, ApiAccess access, Func<ApiCall, JsonObject> handler) =>
        _routes.Add(new ApiRoute(HttpMethods.Get, template, access, handler));

    public void Post(string template, ApiAccess access, Func<ApiCall, JsonObject> handler) =>
        _routes.Add(new ApiRoute(HttpMethods.Post, template, access, handler));

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        var requestId = "req_" + SandboxIds.Random(14);
        response.Headers["Request-Id"] = requestId;
        response.Headers.CacheControl = "no-cache, no-store";

        if (conditions.Latency is { Ticks: > 0 } latency)
        {
            // Wall-clock on purpose: latency is what a client's own timeouts see, whatever clock the ledger runs on.
            await Task.Delay(latency, http.RequestAborted);
        }

        try
        {
            if (conditions.Outage)
            {
                throw StripeErrors.Outage();
            }

            var path = request.Path.Value ?? "/";
            var (route, values) = Match(request.Method, path)
                ?? throw StripeErrors.UnrecognizedUrl(request.Method, path);

            var parameters = await ReadParametersAsync(request);
            var credential = authenticator.Authenticate(request, parameters, route.Access);
            var apiVersion = ApiVersionOf(request);
            response.Headers["Stripe-Version"] = apiVersion;

            var idempotencyKey = HttpMethods.IsPost(request.Method) ? request.Headers["Idempotency-Key"].ToString() : "";
            var call = new ApiCall
            {
                Parameters = parameters,
                Route = values,
                Credential = credential,
                Context = new RequestContext(requestId, idempotencyKey.Length > 0 ? idempotencyKey : null, apiVersion),
            };

            if (idempotencyKey.Length == 0)
            {
                var (status, body, headers) = Execute(route, call, out _);
                await WriteAsync(response, status, body, headers);
                return;
            }

            await ExecuteIdempotentlyAsync(response, route, call, path, idempotencyKey);
        }
        catch (SandboxApiException error)
        {
            await WriteAsync(response, error.Status, JsonOutput.Serialize(ErrorJson.Render(error, ledger, WireView.Server)), error.Headers);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException && !response.HasStarted)
        {
            // A client of Stripe always reads an error object; a bare 500 would reach a browser without CORS headers
            // and a body, and a card field waiting on it would wait for ever.
            var error = StripeErrors.Unexpected();
            await WriteAsync(response, error.Status, JsonOutput.Serialize(ErrorJson.Render(error, ledger, WireView.Server)), error.Headers);
        }
    }

    private async Task ExecuteIdempotentlyAsync(HttpResponse response, ApiRoute route, ApiCall call, string path, string key)
    {
        if (key.Length > IdempotencyStore.MaxKeyLength)
        {
            throw StripeErrors.IdempotencyKeyTooLong();
        }

        var claim = idempotency.Begin(call.Credential.Key, key, path, Fingerprint(route.Method, path, call.Parameters));
        if (claim.Replay is { } replay)
        {
            response.Headers["Idempotent-Replayed"] = "true";
            response.Headers["Original-Request"] = replay.RequestId;
            await WriteAsync(response, replay.Status, replay.Body, null);
            return;
        }

        var saved = false;
        try
        {
            var (status, body, headers) = Execute(route, call, out var replayable);
            if (replayable)
            {
                idempotency.Complete(claim, new StoredResponse(status, body, call.Context.RequestId!));
                saved = true;
            }

            await WriteAsync(response, status, body, headers);
        }
        finally
        {
            if (!saved)
            {
                idempotency.Abandon(claim);
            }
        }
    }

    private (int Status, string Body, IReadOnlyDictionary<string, string>? Headers) Execute(ApiRoute route, ApiCall call, out bool replayable)
    {
        using (ledger.Gate.EnterScope())
        {
            try
            {
                var json = route.Handler(call);
                replayable = true;
                return (StatusCodes.Status200OK, JsonOutput.Serialize(json), null);
            }
            catch (SandboxApiException error)
            {
                replayable = error.Replayable;
                return (error.Status, JsonOutput.Serialize(ErrorJson.Render(error, ledger, call.View)), error.Headers);
            }
        }
    }

    private (ApiRoute Route, Dictionary<string, string> Values)? Match(string method, string path)
    {
        foreach (var route in _routes)
        {
            if (HttpMethods.Equals(route.Method, method) && route.Match(path) is { } values)
            {
                return (route, values);
            }
        }

        return null;
    }

    private static async Task<FormParameters> ReadParametersAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return FormParameters.From(request.Query);
        }

        if (!request.HasFormContentType)
        {
            return FormParameters.Empty;
        }

        try
        {
            return FormParameters.From(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or BadHttpRequestException)
        {
            // More values than the form reader takes (1,024), or a body cut short or too large: the caller's to fix.
            throw StripeErrors.UnreadableBody(unreadable.Message);
        }
    }

    private static string ApiVersionOf(HttpRequest request)
    {
        var version = request.Headers["Stripe-Version"].ToString();
        if (version.Length == 0)
        {
            return ApiVersions.Default;
        }

        return ApiVersions.IsWellFormed(version)
            ? version
            : throw new SandboxApiException(400, StripeErrors.InvalidRequest, $"Invalid Stripe API version: {version}") { Replayable = false };
    }

    /// <summary>What makes two requests "the same parameters": method, path and every name and value, in name order.</summary>
    private static string Fingerprint(string method, string path, FormParameters parameters)
    {
        var builder = new StringBuilder(method).Append(' ').Append(path).Append('\n');
        foreach (var (name, value) in parameters.Raw.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return builder.ToString();
    }

    private static async Task WriteAsync(HttpResponse response, int status, string body, IReadOnlyDictionary<string, string>? headers)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        await response.WriteAsync(body, Encoding.UTF8, response.HttpContext.RequestAborted);
    }
}
