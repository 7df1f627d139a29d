using Meguro.Learning.Data;
using Meguro.Learning.Domain.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Jobs;

/// <summary>
/// Nightly clean-up. Idempotent: running it twice in a row changes nothing the second time, and
/// everything it does is derived from the application database alone.
/// </summary>
public sealed class HousekeepingJob(LearningDbContext db, TimeProvider clock, ILogger<HousekeepingJob> logger)
{
    public const string RecurringJobId = "housekeeping";

    /// <summary>Roster uploads that were previewed but never applied keep their bytes this long.</summary>
    public static readonly TimeSpan StaleUploadAge = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = await db.JobRuns.FindAsync([RecurringJobId], cancellationToken);
        if (run is null)
        {
            run = new JobRun(RecurringJobId);
            db.JobRuns.Add(run);
        }
        run.Started(now);

        var cutoff = now - StaleUploadAge;
        var stale = await db.ImportBatches
            .Where(b => b.Status != Domain.Imports.ImportStatus.Applied && b.UploadedAtUtc < cutoff)
            .ToListAsync(cancellationToken);
        var discarded = stale.Count(b => b.DiscardContentIfStale(now, StaleUploadAge));

        var result = $"未適用の取込ファイル {discarded} 件の内容を削除しました。";
        run.Succeeded(now, result);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Housekeeping finished: {Discarded} stale uploads discarded", discarded);
    }
}
