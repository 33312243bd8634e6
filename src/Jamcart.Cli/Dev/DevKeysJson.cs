using System.Text.Json.Serialization;

namespace Jamcart.Cli.Dev;

[JsonSerializable(typeof(DevKeys))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DevKeysJson : JsonSerializerContext;
