namespace Jamcart.Site;

/// <summary>How one render of a loaded store runs: where it writes, what it compares with, and what it records.</summary>
/// <param name="Previous">What the output folder holds as far as the last render knows.</param>
/// <param name="Clean">Render everything and compare with the files on disk rather than trusting the manifest.</param>
/// <param name="TrustManifest">Take <paramref name="Previous"/> as the truth about the folder without looking at the files.</param>
/// <param name="ChangedAt">The Unix second recorded for outputs whose bytes change; 0 records none.</param>
internal sealed record RenderPass(string OutputRoot, BuildManifest Previous, bool Clean, bool TrustManifest, long ChangedAt);
