using System.Text.Json.Serialization;

namespace Jamcart.Cli.Dev;

[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class LiveReloadJson : JsonSerializerContext;
