using System.Diagnostics;
using System.Security.Cryptography;
using Hangfire;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>Bound from the <c>Quizzes</c> section.</summary>
public sealed class QuizOptions
{
    public const string SectionName = "Quizzes";

    /// <summary>
    /// Score in the submit request instead of in the background job. Off by default: the job keeps a
    /// burst of submissions (a whole department at the end of a session) from holding requests open,
    /// and survives a restart. The benchmark turns it on to measure the job path against it (goal 3).
    /// </summary>
    public bool ScoreInRequest { get; set; }
}

/// <summary>An attempt with what is needed to show it: its quiz, its draw and the answers saved so far.</summary>
public sealed record AttemptView(Attempt Attempt, QuizDefinition Quiz, QuizDrawResult Draw, IReadOnlyDictionary<string, QuizResponse> Answers)
{
    public IEnumerable<(int Index, DrawnQuestion Drawn, Question Question)> Questions =>
        Draw.Questions.Select((d, i) => (i, d, Quiz.Find(d.QuestionId)!));

    public QuizResponse? AnswerTo(string questionId) => Answers.GetValueOrDefault(questionId);
}

/// <summary>
/// The learner's side of quizzes: start (or resume) an attempt, autosave, submit. Every lookup is by
/// the signed-in employee, so another person's attempt is simply not found (404).
/// </summary>
public sealed class QuizAttempts(
    LearningDbContext db, QuizCatalog quizzes, TimeProvider clock, IBackgroundJobClient jobs, AttemptScoredSignal scored, IOptions<QuizOptions> options, IServiceProvider services)
{
    public Task<QuizDefinition?> QuizAsync(CourseVersion version, CancellationToken ct) => quizzes.ForVersionAsync(db, version.Id, ct);

    public Task<List<Attempt>> AttemptsAsync(Enrollment enrollment, CancellationToken ct) =>
        db.Attempts.AsNoTracking().Where(a => a.EnrollmentId == enrollment.Id).OrderBy(a => a.Number).ToListAsync(ct);

    /// <summary>
    /// 受験開始. An attempt already in progress is resumed rather than a second one started, so a double
    /// click, the back button or a replayed form never costs the learner an attempt.
    /// </summary>
    public async Task<(Attempt? Attempt, string? Error)> StartAsync(Enrollment enrollment, CourseVersion version, QuizDefinition quiz, CancellationToken ct)
    {
        if (await OpenAttemptAsync(enrollment, ct) is { } open && !await EndIfTimedOutAsync(open, ct))
        {
            return (open, null);
        }
        var count = await db.Attempts.CountAsync(a => a.EnrollmentId == enrollment.Id, ct);
        var draw = QuizDraw.Draw(quiz, RandomNumberGenerator.GetInt32(int.MaxValue));
        Attempt attempt;
        try
        {
            attempt = Attempt.Start(enrollment, version.Id, count, quiz.AttemptsAllowed, AttemptJson.WriteDraw(draw), clock.GetUtcNow().UtcDateTime, quiz.TimeLimit);
        }
        catch (DomainException ex)
        {
            return (null, ex.Message);
        }
        db.Attempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
            return (attempt, null);
        }
        catch (DbUpdateException)
        {
            // A concurrent start of the same enrollment won the attempt number: use that attempt.
            db.Entry(attempt).State = EntityState.Detached;
            var winner = await OpenAttemptAsync(enrollment, ct);
            return winner is null ? (null, "受験を開始できませんでした。もう一度お試しください。") : (winner, null);
        }
    }

    /// <summary>The employee's own attempt on the course, or null (also for someone else's attempt).</summary>
    public async Task<AttemptView?> OwnAsync(long attemptId, int employeeId, int courseId, CancellationToken ct)
    {
        var attempt = await db.Attempts.Include(a => a.Enrollment)
            .SingleOrDefaultAsync(a => a.Id == attemptId && a.EmployeeId == employeeId && a.CourseId == courseId, ct);
        if (attempt is null)
        {
            return null;
        }
        var quiz = await quizzes.ForVersionAsync(db, attempt.CourseVersionId, ct)
            ?? throw new InvalidOperationException($"Attempt {attemptId} has no quiz.");
        return new AttemptView(attempt, quiz, AttemptJson.ReadDraw(attempt.DrawJson), AttemptJson.ReadAnswers(attempt.AnswersJson));
    }

    /// <summary>Only the status, for the result page's polling: one indexed lookup, nothing parsed.</summary>
    public Task<AttemptStatus?> StatusAsync(long attemptId, int employeeId, CancellationToken ct) =>
        db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && a.EmployeeId == employeeId)
            .Select(a => (AttemptStatus?)a.Status).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a 提出済み attempt to be scored, and returns its status
    /// then. Woken by the scoring job of this node; the status is re-read at least every second so
    /// that a score saved by another node is seen too.
    /// </summary>
    public async Task<AttemptStatus?> WaitForScoreAsync(long attemptId, int employeeId, TimeSpan timeout, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        AttemptStatus? status = AttemptStatus.Submitted;
        // The time left is read once per round, so the wait is never handed a negative timeout.
        for (var left = timeout; status == AttemptStatus.Submitted && left > TimeSpan.Zero; left = timeout - waited.Elapsed)
        {
            await scored.WaitAsync(attemptId, left < AttemptScoredSignal.RecheckInterval ? left : AttemptScoredSignal.RecheckInterval, ct);
            status = await StatusAsync(attemptId, employeeId, ct);
        }
        return status;
    }

    /// <summary>自動保存. Null on success (also when a newer save already arrived), else the Japanese reason.</summary>
    public async Task<string?> SaveAsync(Attempt attempt, IReadOnlyDictionary<string, QuizResponse> answers, long stamp, CancellationToken ct)
    {
        try
        {
            attempt.SaveAnswers(AttemptJson.WriteAnswers(answers), stamp, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two autosaves raced, or the attempt was submitted meanwhile: the stored state stands.
            await db.Entry(attempt).ReloadAsync(ct);
            return attempt.Status == AttemptStatus.InProgress ? null : "この受験はすでに提出されています。";
        }
    }

    /// <summary>
    /// 提出. Stored first (提出済み), then the scoring job is queued. A second submit of the same attempt
    /// changes nothing and queues nothing.
    /// </summary>
    public async Task SubmitAsync(Attempt attempt, IReadOnlyDictionary<string, QuizResponse>? answers, long stamp, CancellationToken ct)
    {
        var json = answers is null ? null : AttemptJson.WriteAnswers(answers);
        if (!attempt.Submit(json, stamp, clock.GetUtcNow().UtcDateTime))
        {
            return;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return;
        }
        if (options.Value.ScoreInRequest)
        {
            await services.GetRequiredService<QuizScoringJob>().ScoreAsync(attempt.Id, ct);
            return;
        }
        jobs.Enqueue<QuizScoringJob>(job => job.ScoreAsync(attempt.Id, CancellationToken.None));
    }

    /// <summary>The server's side of the time limit: an attempt found past its deadline is submitted with what was saved in time.</summary>
    public async Task<bool> EndIfTimedOutAsync(Attempt attempt, CancellationToken ct)
    {
        if (attempt.Status != AttemptStatus.InProgress || !attempt.IsPastDeadline(clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }
        await SubmitAsync(attempt, null, 0, ct);
        return true;
    }

    private Task<Attempt?> OpenAttemptAsync(Enrollment enrollment, CancellationToken ct) =>
        db.Attempts.Include(a => a.Enrollment)
            .FirstOrDefaultAsync(a => a.EnrollmentId == enrollment.Id && a.Status == AttemptStatus.InProgress, ct);
}
