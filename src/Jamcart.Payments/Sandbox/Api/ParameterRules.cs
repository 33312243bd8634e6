namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Checks shared by several endpoints, failing as Stripe fails.</summary>
internal static class ParameterRules
{
    /// <summary><c>metadata[…]</c>: at most 50 keys, keys up to 40 characters, values up to 500.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(FormParameters parameters)
    {
        var metadata = parameters.Map("metadata");
        if (metadata.Count > 50)
        {
            throw StripeErrors.InvalidValue("metadata", "You can only set up to 50 metadata keys.");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > 40)
            {
                throw StripeErrors.InvalidValue($"metadata[{key}]", $"Metadata keys can have up to 40 characters, but you passed in a key that is {key.Length} characters.");
            }

            if (value.Length > 500)
            {
                throw StripeErrors.InvalidValue($"metadata[{key}]", $"Metadata values can have up to 500 characters, but you passed in a value that is {value.Length} characters.");
            }
        }

        return metadata;
    }

    /// <summary>One of the listed words, or null when absent.</summary>
    public static string? Enum(FormParameters parameters, string name, IReadOnlyList<string> allowed)
    {
        var value = parameters.NonEmptyString(name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw StripeErrors.InvalidEnum(name, allowed);
    }

    /// <summary>An absolute http(s) URL, or null when absent.</summary>
    public static string? Url(FormParameters parameters, string name)
    {
        var value = parameters.NonEmptyString(name);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw StripeErrors.InvalidValue(name, "Not a valid URL", "url_invalid");
    }

    /// <summary><c>off_session</c>: a boolean, or Stripe's <c>one_off</c> / <c>recurring</c>.</summary>
    public static bool OffSession(FormParameters parameters) =>
        parameters.String("off_session") is "one_off" or "recurring" || (parameters.Bool("off_session") ?? false);

    /// <summary>Payment method types: the sandbox takes cards only, and says so rather than pretend.</summary>
    public static IReadOnlyList<string> CardOnly(FormParameters parameters, string name)
    {
        var types = parameters.List(name);
        foreach (var type in types)
        {
            if (type != "card")
            {
                throw StripeErrors.InvalidValue($"{name}", $"The payment method type \"{type}\" is invalid. The sandbox accepts card payments only.", "payment_intent_invalid_parameter");
            }
        }

        return types;
    }
}
