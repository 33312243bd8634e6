using System.Text.Json.Serialization;

namespace Jamcart.Payments.Sandbox;

/// <summary>Source-generated JSON for <see cref="HealthStatus"/>.</summary>
[JsonSerializable(typeof(HealthStatus))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
