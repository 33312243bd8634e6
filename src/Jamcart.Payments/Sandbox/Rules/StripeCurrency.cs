namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>A currency as Stripe's API writes it: lower-case code, the decimals of its <c>amount</c> integer, and its charge limits.</summary>
/// <param name="Exponent">Decimals of Stripe's integer (0 for KRW and JPY, 3 for KWD, 2 for ISK although ISO says 0).</param>
/// <param name="Minimum">Stripe's published minimum in Stripe's integer, or null when the minimum is a conversion of USD 0.50.</param>
/// <param name="PerUsd">Approximate units per US dollar, for the converted minimum; null when the sandbox has no rate.</param>
/// <param name="Step">Amounts must be a multiple of this (10 for three-decimal currencies, 100 for ISK and UGX).</param>
internal sealed record StripeCurrency(string Code, int Exponent, long? Minimum, decimal? PerUsd, string Symbol, long Step = 1);
