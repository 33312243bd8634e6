using Jamcart.Site;

namespace Jamcart.Worker;

/// <summary>What one rebuild did: the outbox entries it consumed, what it rendered and what it published.</summary>
/// <param name="Entries">Outbox entries marked done by this rebuild.</param>
/// <param name="OldestEntry">When the oldest of them was written: its wait is the rebuild's latency.</param>
/// <param name="Build">What the render changed in the output folder.</param>
/// <param name="Publish">What the target changed; null without a target or when nothing needed publishing.</param>
/// <param name="Elapsed">From reading the entries to marking them done.</param>
public sealed record RebuildReport(int Entries, DateTimeOffset OldestEntry, DateTimeOffset Done, BuildResult Build, PublishResult? Publish, TimeSpan Elapsed);
