using Meguro.Learning.Data;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Infrastructure;

namespace Meguro.Learning.Web.Pages.Hr.Roster;

/// <summary>
/// Runs a stored upload through the right import service. The upload page, the dry-run page and
/// the command line all go through here, so they cannot disagree about what a file does.
/// </summary>
public sealed class ImportRunner(
    LearningDbContext db,
    RosterImportService roster,
    OrgUnitImportService orgUnits,
    StaffAccounts accounts,
    AssignmentEngine assignments,
    TimeProvider clock)
{
    public const string RosterReason = "名簿の取込み";

    public async Task<ImportOutcome> PreviewAsync(ImportBatch batch, CancellationToken ct)
    {
        var encoding = ImportOutcome.ParseEncoding(batch.Encoding);
        return batch.Kind == ImportKind.Roster
            ? ImportOutcome.From(await roster.PreviewAsync(batch.Content, encoding, ct))
            : ImportOutcome.From(await orgUnits.PreviewAsync(batch.Content, encoding, ct));
    }

    /// <summary>Stores the upload and checks it; a file with errors is marked 却下 at once.</summary>
    public async Task<(ImportBatch Batch, ImportOutcome Outcome)> UploadAsync(
        ImportKind kind, string fileName, byte[] content, CsvEncoding encoding, string actor, CancellationToken ct)
    {
        var batch = new ImportBatch(kind, fileName, content, ImportOutcome.EncodingCode(encoding), actor, clock.GetUtcNow().UtcDateTime);
        db.ImportBatches.Add(batch);
        // Saved before it is checked: whatever happens next, what HR sent is kept.
        await db.SaveChangesAsync(ct);
        var outcome = await PreviewAsync(batch, ct);
        if (!outcome.IsValid)
        {
            batch.MarkRejected(clock.GetUtcNow().UtcDateTime, outcome.Summary);
            await db.SaveChangesAsync(ct);
        }
        return (batch, outcome);
    }

    /// <summary>
    /// Applies the stored file (validated again: the database may have changed since the dry run),
    /// then brings sign-in accounts in line. Both steps are idempotent, so a crash between them is
    /// repaired by applying again. A roster that changed people then runs the assignment engine
    /// (after the import's own transaction committed: the roster never waits for curricula); a failure
    /// there is repaired by the nightly run.
    /// </summary>
    public async Task<ImportOutcome> ApplyAsync(ImportBatch batch, string actor, CancellationToken ct)
    {
        var encoding = ImportOutcome.ParseEncoding(batch.Encoding);
        ImportOutcome outcome;
        bool applied;
        if (batch.Kind == ImportKind.Roster)
        {
            var result = await roster.ApplyAsync(batch.Content, encoding, actor, ct);
            (outcome, applied) = (ImportOutcome.From(result), result.Applied);
        }
        else
        {
            var result = await orgUnits.ApplyAsync(batch.Content, encoding, actor, ct);
            (outcome, applied) = (ImportOutcome.From(result), result.Applied);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (applied)
        {
            batch.MarkApplied(now, outcome.Summary);
        }
        else
        {
            batch.MarkRejected(now, outcome.Summary);
        }
        await db.SaveChangesAsync(ct);
        if (applied)
        {
            await accounts.SyncAsync(ct);
            if (batch.Kind == ImportKind.Roster)
            {
                await assignments.RunAsync(AssignmentScope.Everything, actor, RosterReason, ct);
            }
        }
        return outcome;
    }
}
