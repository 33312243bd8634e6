namespace Jamcart.Functions.Contracts;

/// <summary>The health answer: <c>{"status":"ok"}</c>.</summary>
public sealed record HealthView(string Status);
