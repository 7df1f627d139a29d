using System.Net;
using Hangfire;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Courses;

/// <summary>
/// <c>Quizzes:ScoreInRequest</c>: the submit request itself scores the attempt (the benchmark's
/// baseline for the scoring job). The learner gets the same result, with no job enqueued.
/// </summary>
public abstract class QuizScoreInRequestTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task The_submit_request_returns_with_the_attempt_scored_and_no_job_enqueued()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var started = await AppFixture.PostFormAsync(client, $"/courses/{slug}/quiz", $"/courses/{slug}/quiz?handler=start", new Dictionary<string, string>());
        var attemptUrl = started.Headers.Location!.OriginalString;
        var id = long.Parse(attemptUrl[(attemptUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var sheet = await AnswerSheet.ForAsync(app, id);

        var token = await AppFixture.GetAntiforgeryTokenAsync(client, attemptUrl);
        var submitted = await client.PostAsync(attemptUrl + "?handler=submit",
            new FormUrlEncodedContent(AnswerSheet.Pairs(sheet.AllCorrect()).Append(new("__RequestVerificationToken", token))));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var attempt = await app.WithDbAsync(db => db.Attempts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(AttemptStatus.Scored, attempt.Status);
        Assert.Equal(100m, attempt.ScorePercent);
        Assert.NotEmpty(await app.WithDbAsync(db => db.SkillRecords.Where(r => r.EmployeeId == employeeId).ToListAsync()));
        var result = await client.GetAsync(attemptUrl + "?handler=result");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.DoesNotContain(monitoring.SucceededJobs(0, 500), j => j.Value.Job?.Method.Name == "ScoreAsync");
        Assert.DoesNotContain(monitoring.EnqueuedJobs("default", 0, 500), j => j.Value.Job?.Method.Name == "ScoreAsync");
    }
}

public sealed class SqliteScoreInRequestApp() : AppFixture(DatabaseKind.Sqlite, settings: new Dictionary<string, string> { ["Quizzes:ScoreInRequest"] = "true" });

public sealed class PostgresScoreInRequestApp() : AppFixture(DatabaseKind.PostgreSQL, settings: new Dictionary<string, string> { ["Quizzes:ScoreInRequest"] = "true" });

public sealed class QuizScoreInRequestTestsOnSqlite(SqliteScoreInRequestApp app) : QuizScoreInRequestTests<SqliteScoreInRequestApp>(app);

public sealed class QuizScoreInRequestTestsOnPostgres(PostgresScoreInRequestApp app) : QuizScoreInRequestTests<PostgresScoreInRequestApp>(app);
