using Jamcart.Checkout.UseCases;

namespace Jamcart.Functions.Contracts;

/// <summary>What one <c>POST /api/admin/maintenance</c> did: its reconciliation pass and its purge.</summary>
public sealed record MaintenanceView(ReconciliationView Reconciliation, PurgeView Purge)
{
    public static MaintenanceView From(MaintenanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(ReconciliationView.From(report.Reconciliation), PurgeView.From(report.Purge));
    }
}
