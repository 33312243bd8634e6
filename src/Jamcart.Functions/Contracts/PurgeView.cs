using Jamcart.Checkout.UseCases;

namespace Jamcart.Functions.Contracts;

/// <summary>Records deleted past their retention; <c>skipped</c> (all counts 0) when another run was purging.</summary>
public sealed record PurgeView(bool Skipped, int IdempotencyRecords, int OutboxEntries, int WebhookEvents)
{
    public static PurgeView From(PurgeReport? report) => report is null
        ? new(Skipped: true, 0, 0, 0)
        : new(Skipped: false, report.IdempotencyRecords, report.OutboxEntries, report.WebhookEvents);
}
