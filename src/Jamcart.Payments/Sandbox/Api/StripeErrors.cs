using System.Globalization;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>The errors the sandbox answers with, worded and coded as Stripe words and codes them.</summary>
internal static class StripeErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string CardError = "card_error";
    public const string ApiError = "api_error";
    public const string IdempotencyError = "idempotency_error";

    public static SandboxApiException MissingParam(string param) =>
        new(400, InvalidRequest, $"Missing required param: {param}.") { Code = "parameter_missing", Param = param, Replayable = false };

    public static SandboxApiException InvalidInteger(string param, string value) =>
        new(400, InvalidRequest, $"Invalid integer: {value}") { Code = "parameter_invalid_integer", Param = param, Replayable = false };

    public static SandboxApiException InvalidPositiveInteger(string param) =>
        new(400, InvalidRequest, "Invalid positive integer") { Code = "parameter_invalid_integer", Param = param, Replayable = false };

    public static SandboxApiException IntegerOutOfRange(string param, string message) =>
        new(400, InvalidRequest, message) { Code = "parameter_invalid_integer", Param = param, Replayable = false };

    public static SandboxApiException InvalidBoolean(string param, string value) =>
        new(400, InvalidRequest, $"Invalid boolean: {value}") { Param = param, Replayable = false };

    public static SandboxApiException EmptyString(string param) =>
        new(400, InvalidRequest, $"You passed an empty string for '{param}'. We assume empty values are an attempt to unset a parameter; however '{param}' cannot be unset. You should remove '{param}' from your request or supply a non-empty value.")
        { Code = "parameter_invalid_empty", Param = param, Replayable = false };

    public static SandboxApiException InvalidValue(string param, string message, string? code = null) =>
        new(400, InvalidRequest, message) { Code = code, Param = param, Replayable = false };

    public static SandboxApiException InvalidEnum(string param, IEnumerable<string> allowed) =>
        new(400, InvalidRequest, $"Invalid {param}: must be one of {string.Join(", ", allowed)}") { Param = param, Replayable = false };

    public static SandboxApiException InvalidCurrency(string value) =>
        new(400, InvalidRequest, $"Invalid currency: {value.ToLowerInvariant()}. Stripe currently supports these currencies: {string.Join(", ", Rules.StripeCurrencies.Codes)}")
        { Param = "currency", Replayable = false };

    public static SandboxApiException NoSuch(string resource, string id, string param) =>
        new(404, InvalidRequest, $"No such {resource}: '{id}'") { Code = "resource_missing", Param = param };

    public static SandboxApiException UnexpectedState(string message, PaymentIntentRecord? intent = null) =>
        new(400, InvalidRequest, message) { Code = "payment_intent_unexpected_state", PaymentIntent = intent };

    public static SandboxApiException CannotExpand(string path) =>
        new(400, InvalidRequest, $"This property cannot be expanded ({path}).") { Param = "expand", Replayable = false };

    public static SandboxApiException UnrecognizedUrl(string method, string path) =>
        new(404, InvalidRequest, $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");

    public static SandboxApiException NoApiKey() =>
        new(401, InvalidRequest, "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.")
        { Replayable = false };

    public static SandboxApiException InvalidApiKey(string key) =>
        new(401, InvalidRequest, $"Invalid API Key provided: {Mask(key)}") { Replayable = false };

    public static SandboxApiException PublishableKeyNotAllowed() =>
        new(403, InvalidRequest, "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.")
        { Replayable = false };

    public static SandboxApiException ClientSecretMismatch() =>
        new(400, InvalidRequest, "The client_secret provided does not match any associated PaymentIntent on this account. Ensure the publishable key used belongs to the same account that created the PaymentIntent.")
        { Code = "payment_intent_invalid_parameter", Param = "client_secret", Replayable = false };

    public static SandboxApiException UnreadableBody(string reason) =>
        new(400, InvalidRequest, $"The request body could not be read as form parameters: {reason}") { Replayable = false };

    /// <summary>What Stripe answers when it fails itself: its own JSON, never a bare status.</summary>
    public static SandboxApiException Unexpected() =>
        new(500, ApiError, "An unknown error occurred while processing your request. Try again later.") { Replayable = false };

    public static SandboxApiException Outage() =>
        new(500, ApiError, "An unknown error occurred while processing your request. The sandbox is simulating an outage of the provider (SandboxServer.Outage).")
        { Replayable = false };

    public static SandboxApiException IdempotencyKeyTooLong() =>
        new(400, IdempotencyError, "Keys for idempotent requests can be no longer than 255 characters.") { Replayable = false };

    public static SandboxApiException IdempotencyParametersDiffer(string key) =>
        new(400, IdempotencyError, $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.")
        { Replayable = false };

    public static SandboxApiException IdempotencyEndpointDiffers(string key, string first, string now) =>
        new(400, IdempotencyError, $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{first}' vs '{now}'). Try using a key other than '{key}' if you meant to execute a different request.")
        { Replayable = false };

    public static SandboxApiException IdempotencyInProgress(string key) =>
        new(409, IdempotencyError, $"There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): {key}. Please try again later.")
        {
            Replayable = false,
            Headers = new Dictionary<string, string> { ["Stripe-Should-Retry"] = "true" },
        };

    /// <summary>Stripe's documentation page for an error code, as its errors link it.</summary>
    public static string DocUrl(string code) => "https://stripe.com/docs/error-codes/" + code.Replace('_', '-');

    /// <summary>A key as Stripe quotes it back: the prefix and the last four characters, the rest starred.</summary>
    public static string Mask(string key)
    {
        if (key.Length <= 12)
        {
            return new string('*', key.Length);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{key[..8]}{new string('*', key.Length - 12)}{key[^4..]}");
    }
}
