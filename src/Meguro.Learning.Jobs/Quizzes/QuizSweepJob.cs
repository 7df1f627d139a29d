using Meguro.Learning.Data;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Jobs.Quizzes;

/// <summary>
/// Every minute: ends attempts whose time limit ran out while nobody was on the page, and scores every
/// 提出済み attempt that is still unscored — the job queued at submit may have been lost with the
/// process (the embedded job store is in memory). The database alone says what is left to do.
/// </summary>
public sealed class QuizSweepJob(LearningDbContext db, IServiceScopeFactory scopes, TimeProvider clock, ILogger<QuizSweepJob> logger)
{
    public const string RecurringJobId = "quiz-sweep";
    public const int BatchSize = 500;

    /// <summary>An attempt submitted this recently is left to the job its submit queued.</summary>
    public static readonly TimeSpan QueuedJobHeadStart = TimeSpan.FromSeconds(10);

    public async Task<(int TimedOut, int Scored)> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timedOut = await SubmitExpiredAsync(now, cancellationToken);
        var submittedBefore = now - QueuedJobHeadStart;
        var pending = await db.Attempts.AsNoTracking()
            .Where(a => a.Status == AttemptStatus.Submitted && a.SubmittedAtUtc <= submittedBefore)
            .OrderBy(a => a.SubmittedAtUtc).Select(a => a.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        // Timed-out attempts were submitted just now by this run: score them too.
        pending.AddRange(timedOut.Except(pending));
        var scored = 0;
        foreach (var id in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<QuizScoringJob>().ScoreAsync(id, cancellationToken))
            {
                scored++;
            }
        }
        await RecordRunAsync(now, timedOut.Count, scored, cancellationToken);
        if (timedOut.Count + scored > 0)
        {
            logger.LogInformation("Quiz sweep: {TimedOut} attempts ended by the time limit, {Scored} scored", timedOut.Count, scored);
        }
        return (timedOut.Count, scored);
    }

    private async Task<List<long>> SubmitExpiredAsync(DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now - Attempt.DeadlineGrace;
        var expired = await db.Attempts
            .Where(a => a.Status == AttemptStatus.InProgress && a.DeadlineUtc != null && a.DeadlineUtc < cutoff)
            .OrderBy(a => a.DeadlineUtc).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var submitted = new List<long>();
        foreach (var attempt in expired)
        {
            if (!attempt.SubmitForTimeLimit(now))
            {
                continue;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                submitted.Add(attempt.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The learner submitted at the same moment; their submit stands.
                db.Entry(attempt).State = EntityState.Detached;
            }
        }
        return submitted;
    }

    private async Task RecordRunAsync(DateTime now, int timedOut, int scored, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var run = await db.JobRuns.FindAsync([RecurringJobId], cancellationToken);
        if (run is null)
        {
            run = new JobRun(RecurringJobId);
            db.JobRuns.Add(run);
        }
        run.Started(now);
        run.Succeeded(clock.GetUtcNow().UtcDateTime, $"時間切れ {timedOut} 件を提出、{scored} 件を採点しました。");
        await db.SaveChangesAsync(cancellationToken);
    }
}
