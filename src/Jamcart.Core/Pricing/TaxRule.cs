namespace Jamcart.Core;

/// <summary>Tax as a rate in parts per million (10 % = 100 000), either included in prices (VAT, GST) or added on top (US sales tax).</summary>
public sealed record TaxRule(long RatePpm, bool Inclusive)
{
    /// <summary>No tax.</summary>
    public static TaxRule None { get; } = new(0, Inclusive: true);
}
