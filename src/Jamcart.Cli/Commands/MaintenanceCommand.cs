using System.CommandLine;
using System.Data.Common;
using System.Globalization;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;
using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart maintenance [STORE]</c>: what <c>POST /api/admin/maintenance</c> does (one reconciliation pass and the
/// purges), on the store database directly, for cron on a server whose functions do not run their own timers.
/// </summary>
internal static class MaintenanceCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create(description: "The store folder whose jamcart.yml names the database (default: the current folder).");
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"The database's connection string (default: ${DatabaseSetting.EnvironmentVariable}, then database: in jamcart.yml).",
        };
        var command = new Command(
            "maintenance",
            "Reconcile orders a crash or a late payment left unfinished, and purge records past their retention. "
            + "Payments and retentions come from the Jamcart__Payments__* and Jamcart__Background__* environment variables, as for the functions.")
        {
            store,
            database,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(new DatabaseTarget(parsed.GetValue(store)!, parsed.GetValue(database)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var checkout = new CheckoutOptions();
        var background = new BackgroundOptions();
        try
        {
            configuration.GetSection($"{JamcartOptions.Section}:{nameof(JamcartOptions.Checkout)}").Bind(checkout);
            configuration.GetSection($"{JamcartOptions.Section}:{nameof(JamcartOptions.Background)}").Bind(background);
        }
        catch (InvalidOperationException unreadable) when (UnreadableSetting.Is(unreadable))
        {
            Terminal.Error.WriteLine($"jamcart: {UnreadableSetting.Describe(unreadable)}");
            return ExitCodes.Settings;
        }

        var retention = background.ToMaintenanceOptions();
        var problems = checkout.Validate().Select(problem => "Jamcart__Checkout: " + problem)
            .Concat(retention.Validate().Select(problem => "Jamcart__Background: " + problem))
            .ToList();
        using var provider = CliPaymentProvider.Create(out var paymentProblems);
        problems.AddRange(paymentProblems.Select(problem => "Jamcart__Payments: " + problem));
        if (problems.Count > 0 || provider is null)
        {
            foreach (var problem in problems)
            {
                Terminal.Error.WriteLine($"jamcart: {problem}");
            }

            return ExitCodes.Settings;
        }

        var opening = await CliDatabase.OpenAsync(target, cancellationToken);
        if (opening.Database is null)
        {
            return opening.ExitCode;
        }

        await using var opened = opening.Database;

        var time = TimeProvider.System;
        var reconcile = new Reconcile(opened.Store, provider, time, checkout, NullLogger<Reconcile>.Instance);
        var maintenance = new RunMaintenance(opened.Store, reconcile, opened.Idempotency, opened.Maintenance, time, retention, NullLogger<RunMaintenance>.Instance);
        try
        {
            Print(await maintenance.RunAsync(cancellationToken));
            return ExitCodes.Ok;
        }
        catch (CheckoutException e)
        {
            CheckoutErrors.Print(e);
            return ExitCodes.StoreErrors;
        }
        catch (PaymentProviderException e)
        {
            Terminal.Error.WriteLine($"jamcart: the payment provider refused or failed: {e.Message}");
            return ExitCodes.StoreErrors;
        }
        catch (Exception e) when (e is DbException or StoreConflictException)
        {
            Terminal.Error.WriteLine($"jamcart: the store database failed; nothing half done is left, run it again: {e.Message}");
            return ExitCodes.StoreErrors;
        }
    }

    private static void Print(MaintenanceReport report)
    {
        var grid = new Grid().AddColumns(2);
        if (report.Reconciliation is { } reconciled)
        {
            grid.AddRow("orders checked", Count(reconciled.Checked));
            grid.AddRow("expired", Count(reconciled.Expired));
            grid.AddRow("abandoned", Count(reconciled.Abandoned));
            grid.AddRow("paid", Count(reconciled.Paid));
            grid.AddRow("refunded", Count(reconciled.Refunded));
            grid.AddRow("deferred", Count(reconciled.Deferred));
            grid.AddRow("left due (time budget spent)", Count(reconciled.Left));
        }
        else
        {
            grid.AddRow("reconciliation", "skipped: another run is doing it");
        }

        if (report.Purge is { } purged)
        {
            grid.AddRow("idempotency records purged", Count(purged.IdempotencyRecords));
            grid.AddRow("outbox entries purged", Count(purged.OutboxEntries));
            grid.AddRow("webhook event ids purged", Count(purged.WebhookEvents));
        }
        else
        {
            grid.AddRow("purge", "skipped: another run is doing it");
        }

        Terminal.Out.Write(grid);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
