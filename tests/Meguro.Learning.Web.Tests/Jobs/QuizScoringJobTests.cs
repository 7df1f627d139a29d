using Hangfire;
using Hangfire.Storage;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Quizzes;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>
/// The scoring job and the sweep called directly, on both databases. Attempts are stored as the submit
/// stores them but with no job queued, which is exactly the state a process killed after the submit leaves.
/// </summary>
public abstract class QuizScoringJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Scoring_the_same_attempt_twice_records_one_result()
    {
        var attemptId = await SubmittedAttemptAsync(correct: true);

        var first = await ScoreAsync(attemptId);
        var second = await ScoreAsync(attemptId);

        Assert.True(first);
        Assert.False(second);
        await AssertScoredOnceAsync(attemptId, expectPass: true);
    }

    [Fact]
    public async Task Two_scoring_jobs_running_at_the_same_moment_record_one_result()
    {
        var attemptId = await SubmittedAttemptAsync(correct: true);

        var results = await Task.WhenAll(ScoreAsync(attemptId), ScoreAsync(attemptId));

        Assert.Single(results, r => r);
        await AssertScoredOnceAsync(attemptId, expectPass: true);
    }

    [Fact]
    public async Task After_a_crash_the_sweep_scores_a_submitted_attempt_whose_job_was_lost()
    {
        var attemptId = await SubmittedAttemptAsync(correct: false);

        await SweepAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        await SweepAsync(DateTimeOffset.UtcNow.AddMinutes(2));

        await AssertScoredOnceAsync(attemptId, expectPass: false);
        var run = await app.WithDbAsync(db => db.JobRuns.SingleAsync(r => r.JobName == QuizSweepJob.RecurringJobId));
        Assert.NotNull(run.LastSucceededAtUtc);
    }

    [Fact]
    public async Task The_sweep_leaves_a_fresh_submission_to_the_job_its_submit_queued()
    {
        var attemptId = await SubmittedAttemptAsync(correct: true);

        await SweepAsync(DateTimeOffset.UtcNow);

        Assert.Equal(AttemptStatus.Submitted, await StatusAsync(attemptId));
    }

    [Fact]
    public async Task The_sweep_ends_an_attempt_whose_time_ran_out_with_nobody_on_the_page_and_scores_the_saved_answers()
    {
        var attemptId = await StartedAttemptAsync(timeLimit: TimeSpan.FromMinutes(10), saveCorrectAnswers: true);

        await SweepAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(AttemptStatus.InProgress, await StatusAsync(attemptId));
        await SweepAsync(DateTimeOffset.UtcNow.AddMinutes(11));

        var attempt = await app.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == attemptId));
        Assert.Equal(SubmissionKind.TimeLimit, attempt.SubmittedBy);
        Assert.Equal(attempt.DeadlineUtc, attempt.SubmittedAtUtc);
        await AssertScoredOnceAsync(attemptId, expectPass: true);
    }

    [Fact]
    public void The_sweep_is_scheduled_every_minute()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var sweep = Assert.Single(connection.GetRecurringJobs(), j => j.Id == QuizSweepJob.RecurringJobId);

        Assert.Equal(Cron.Minutely(), sweep.Cron);
    }

    [Fact]
    public async Task Passing_a_yearly_course_records_skills_that_expire_at_the_end_of_the_fiscal_year()
    {
        var attemptId = await SubmittedAttemptAsync(correct: true, yearly: true);

        await ScoreAsync(attemptId);

        var records = await app.WithDbAsync(db => db.SkillRecords.Where(r => r.AttemptId == attemptId).ToListAsync());
        var cycle = await app.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => a.Enrollment.Cycle).SingleAsync());
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(new DateOnly(cycle + 1, 3, 31), r.ExpiresOn));
    }

    private async Task AssertScoredOnceAsync(long attemptId, bool expectPass)
    {
        var attempt = await app.WithDbAsync(db => db.Attempts.Include(a => a.Enrollment).SingleAsync(a => a.Id == attemptId));
        Assert.Equal(AttemptStatus.Scored, attempt.Status);
        Assert.Equal(expectPass, attempt.Passed);
        Assert.Equal(expectPass ? 100m : 0m, attempt.ScorePercent);
        var records = await app.WithDbAsync(db => db.SkillRecords.CountAsync(r => r.EmployeeId == attempt.EmployeeId));
        Assert.Equal(expectPass ? QuizCourseBuilder.Grants.Count : 0, records);
        Assert.Equal(expectPass ? attempt.Id : null, attempt.Enrollment.PassedAttemptId);
    }

    private async Task<bool> ScoreAsync(long attemptId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizScoringJob>().ScoreAsync(attemptId, CancellationToken.None);
    }

    private async Task SweepAsync(DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<QuizSweepJob>(scope.ServiceProvider, new FakeTimeProvider(now));
        await job.RunAsync();
    }

    private Task<AttemptStatus> StatusAsync(long attemptId) =>
        app.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => a.Status).SingleAsync());

    private async Task<long> SubmittedAttemptAsync(bool correct, bool yearly = false)
    {
        var builder = new QuizCourseBuilder();
        var slug = await (yearly ? builder.Yearly() : builder).PublishAsync(app);
        return await StoreAttemptAsync(slug, timeLimit: null, (attempt, answers) => attempt.Submit(answers(correct), 1, DateTime.UtcNow));
    }

    private async Task<long> StartedAttemptAsync(TimeSpan timeLimit, bool saveCorrectAnswers)
    {
        var slug = await new QuizCourseBuilder().WithTimeLimit((int)timeLimit.TotalMinutes).PublishAsync(app);
        return await StoreAttemptAsync(slug, timeLimit, (attempt, answers) => attempt.SaveAnswers(answers(saveCorrectAnswers), 1, DateTime.UtcNow));
    }

    /// <summary>An enrolled employee's attempt of the course's quiz, drawn and stored as the start page stores it.</summary>
    private async Task<long> StoreAttemptAsync(string slug, TimeSpan? timeLimit, Action<Attempt, Func<bool, string>> act)
    {
        var (_, employeeId) = await app.RunAsEmployeeAsync();
        long id = 0;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var version = await db.CourseVersions.Include(v => v.Course).SingleAsync(v => v.Course.Slug == slug);
            var quiz = (await sp.GetRequiredService<QuizCatalog>().ForVersionAsync(db, version.Id, default))!;
            var employee = await db.Employees.SingleAsync(e => e.Id == employeeId);
            var cycle = version.Yearly ? Domain.Jst.FiscalYear(Domain.Jst.Today(TimeProvider.System)) : 0;
            var enrollment = Enrollment.SelfEnroll(employee, version.CourseId, true, cycle, DateTime.UtcNow);
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            var draw = QuizDraw.Draw(quiz, 42);
            var attempt = Attempt.Start(enrollment, version.Id, 0, 0, AttemptJson.WriteDraw(draw), DateTime.UtcNow, timeLimit);
            db.Attempts.Add(attempt);
            await db.SaveChangesAsync();
            var sheet = await AnswerSheet.ForAsync(app, attempt.Id);
            string Answers(bool correct)
            {
                var fields = correct ? sheet.AllCorrect() : sheet.AllWrong();
                var lookup = AnswerSheet.Pairs(fields).ToLookup(p => p.Key, p => p.Value);
                return AttemptJson.WriteAnswers(AttemptForm.Read(quiz, draw, name => lookup[name].ToList()).Answers!);
            }
            act(attempt, Answers);
            await db.SaveChangesAsync();
            id = attempt.Id;
        });
        return id;
    }
}

public sealed class QuizScoringJobTestsOnSqlite(SqliteApp app) : QuizScoringJobTests<SqliteApp>(app);

public sealed class QuizScoringJobTestsOnPostgres(PostgresApp app) : QuizScoringJobTests<PostgresApp>(app);
