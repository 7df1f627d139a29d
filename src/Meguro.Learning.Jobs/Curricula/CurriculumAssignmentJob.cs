namespace Meguro.Learning.Jobs.Curricula;

/// <summary>
/// Nightly run of the assignment engine: picks up what no event announces — a new fiscal year
/// (yearly courses), open-ended leave growing day by day, a new hire entering a tenure window.
/// Idempotent: a second run in the same night finds nothing to do.
/// </summary>
public sealed class CurriculumAssignmentJob(AssignmentEngine engine)
{
    public const string RecurringJobId = "curriculum-assignment";

    public Task<AssignmentResult> RunAsync(CancellationToken cancellationToken = default) =>
        engine.RunAsync(AssignmentScope.Everything, AssignmentEngine.NightlyActor, "夜間の定期割当", cancellationToken);
}
