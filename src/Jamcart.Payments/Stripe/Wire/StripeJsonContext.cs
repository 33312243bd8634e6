using System.Text.Json.Serialization;

namespace Jamcart.Payments.Stripe.Wire;

/// <summary>
/// Source-generated reading of Stripe's JSON: no reflection at run time, so the adapter compiles ahead of time. Names
/// are Stripe's snake_case; a field of another type than declared fails the read rather than being guessed.
/// </summary>
[JsonSerializable(typeof(PaymentIntentObject))]
[JsonSerializable(typeof(ChargeObject))]
[JsonSerializable(typeof(RefundObject))]
[JsonSerializable(typeof(RefundListObject))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(EventObject))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class StripeJsonContext : JsonSerializerContext;
