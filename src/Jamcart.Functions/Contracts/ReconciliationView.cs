using Jamcart.Checkout.UseCases;

namespace Jamcart.Functions.Contracts;

/// <summary>
/// A reconciliation pass in numbers of orders; <c>skipped</c> (all counts 0) when another run was doing it.
/// </summary>
/// <param name="Checked">Orders that were due.</param>
/// <param name="Expired">Pending orders ended because their reservation ran out, their stock released.</param>
/// <param name="Abandoned">Orders whose placing never finished, withdrawn with their payment canceled.</param>
/// <param name="Paid">Orders found paid at the provider (re-reserved when their reservation had run out).</param>
/// <param name="Refunded">Orders whose owed refund was made.</param>
/// <param name="Deferred">Orders left for the next run.</param>
/// <param name="Left">Orders still due when the run stopped early (its time budget spent, the provider not answering); 0 when none were.</param>
public sealed record ReconciliationView(bool Skipped, int Checked, int Expired, int Abandoned, int Paid, int Refunded, int Deferred, long Left)
{
    public static ReconciliationView From(ReconcileReport? report) => report is null
        ? new(Skipped: true, 0, 0, 0, 0, 0, 0, 0)
        : new(Skipped: false, report.Checked, report.Expired, report.Abandoned, report.Paid, report.Refunded, report.Deferred, report.Left);
}
