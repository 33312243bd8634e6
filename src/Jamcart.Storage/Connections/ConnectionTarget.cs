namespace Jamcart.Storage.Connections;

/// <summary>A parsed store connection string: the engine, and the connection string its ADO.NET provider reads.</summary>
internal sealed record ConnectionTarget(DatabaseKind Kind, string ProviderConnectionString);
