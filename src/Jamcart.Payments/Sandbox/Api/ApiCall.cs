using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>One authenticated API request as an endpoint sees it: its parameters, route values and who sent it.</summary>
internal sealed class ApiCall
{
    public required FormParameters Parameters { get; init; }

    public required IReadOnlyDictionary<string, string> Route { get; init; }

    public required ApiCredential Credential { get; init; }

    public required RequestContext Context { get; init; }

    public WireView View => Credential.IsPublishable ? WireView.Client : WireView.Server;

    public string RouteValue(string name) => Route[name];
}
