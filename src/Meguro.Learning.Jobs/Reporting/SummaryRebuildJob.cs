using Meguro.Learning.Data.Reporting;

namespace Meguro.Learning.Jobs.Reporting;

/// <summary>
/// Nightly re-derivation of the report summaries from enrollments and skill evidence. Saves keep
/// them current during the day; this catches what no save announces — skill evidence expiring at
/// the end of a fiscal year, the turn of the fiscal year itself — and repairs a refresh that failed
/// after its change was committed. Idempotent: a second run changes nothing.
/// </summary>
public sealed class SummaryRebuildJob(ReportSummaries summaries)
{
    public const string RecurringJobId = "report-summary-rebuild";

    public Task<int> RunAsync(CancellationToken cancellationToken = default) => summaries.RebuildAllAsync(cancellationToken);
}
