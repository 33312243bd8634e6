namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>
/// A pending 3-D Secure step: the one-use token in the challenge page's address (so the page needs neither API key
/// nor client secret), and where the buyer goes when it is done.
/// </summary>
internal sealed record ThreeDSecureChallenge(string Token, string? ReturnUrl);
