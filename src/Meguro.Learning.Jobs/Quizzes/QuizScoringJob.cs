using Hangfire;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Jobs.Quizzes;

/// <summary>
/// 採点. Enqueued on submit; also called by <see cref="QuizSweepJob"/> for attempts whose job was lost.
/// Idempotent: an attempt that is not 提出済み is left alone, and the attempt's concurrency token plus
/// the unique (enrollment, skill) and (enrollment) keys of the skills record and certificate make a
/// second, concurrent run fail instead of recording twice.
/// </summary>
public sealed class QuizScoringJob(LearningDbContext db, QuizCatalog quizzes, CourseCompletion completion, TimeProvider clock, AttemptScoredSignal scored, ILogger<QuizScoringJob> logger)
{
    /// <summary>Returns true when this call recorded the score.</summary>
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("クイズの採点 #{0}")]
    public async Task<bool> ScoreAsync(long attemptId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts
            .Include(a => a.Enrollment).ThenInclude(e => e.Progress)
            .SingleOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is null || attempt.Status != AttemptStatus.Submitted)
        {
            return false;
        }
        var quiz = await quizzes.ForVersionAsync(db, attempt.CourseVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Attempt {attemptId} belongs to a course version without a quiz.");
        var outcome = AttemptScorer.Score(quiz, AttemptJson.ReadDraw(attempt.DrawJson), AttemptJson.ReadAnswers(attempt.AnswersJson));
        var now = clock.GetUtcNow().UtcDateTime;
        var total = outcome.Total;
        attempt.RecordScore(total.Earned, total.Max, total.Percent, total.Passed, AttemptJson.WriteOutcome(outcome.Questions), now);

        var enrollment = attempt.Enrollment;
        if (total.Passed && enrollment.Status is EnrollmentStatus.Active or EnrollmentStatus.Completed && enrollment.QuizPassedAtUtc is null)
        {
            enrollment.RecordQuizPass(attempt.Id, now);
            var expiresOn = CourseCompletion.ExpiryFor(enrollment);
            var grants = await db.CourseVersionSkills.Where(s => s.CourseVersionId == attempt.CourseVersionId)
                .Select(s => new { s.SkillId, s.Level }).ToListAsync(cancellationToken);
            foreach (var grant in grants)
            {
                db.SkillRecords.Add(SkillRecord.FromPassedAttempt(attempt, grant.SkillId, grant.Level, now, expiresOn));
            }
            await completion.TryCompleteAsync(enrollment, attempt, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another run scored it first (concurrency token or unique key): that one result stands.
            logger.LogInformation(ex, "Attempt {AttemptId} was scored by another run", attemptId);
            return false;
        }
        scored.Scored(attemptId);
        logger.LogInformation("Attempt {AttemptId} scored: {Percent}% ({Result})", attemptId, total.Percent, total.Passed ? "pass" : "fail");
        return true;
    }
}
