using System.Text.Json.Nodes;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>Small pieces shared by the renderers.</summary>
internal static class WireValues
{
    public static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }

        return json;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);

    /// <summary>Stripe's <c>display_brand</c> for a brand word.</summary>
    public static string DisplayBrand(string brand) => brand switch
    {
        "amex" => "american_express",
        "diners" => "diners_club",
        "unionpay" => "union_pay",
        _ => brand,
    };
}
