using System.Net;
using Hangfire;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Quizzes;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Courses;

/// <summary>
/// The attempt lifecycle through HTTP on a real database, with the real job server: start, autosave,
/// submit, 採点中 → result, the time limit, the attempt limit, and other people's attempts.
/// </summary>
public abstract class QuizAttemptTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Starting_twice_resumes_the_same_attempt_whose_draw_is_stored()
    {
        var slug = await new QuizCourseBuilder().Drawing(4).PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();

        var first = await StartAsync(client, slug);
        var second = await StartAsync(client, slug);

        Assert.Equal(first, second);
        var attempts = await app.WithDbAsync(db => db.Attempts.Where(a => a.EmployeeId == employeeId).ToListAsync());
        var attempt = Assert.Single(attempts);
        var sheet = await AnswerSheet.ForAsync(app, attempt.Id);
        Assert.Equal(4, sheet.Draw.Questions.Count);
        var page = await client.GetStringAsync(AttemptUrl(slug, first));
        // The page shows the stored draw: exactly the drawn questions, numbered 1..4.
        Assert.Contains("問4", page, StringComparison.Ordinal);
        Assert.DoesNotContain("問5", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autosave_keeps_the_answers_and_an_older_save_arriving_late_does_not_overwrite_a_newer_one()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        var correct = sheet.AllCorrect();
        var wrong = sheet.AllWrong();

        var newer = await AutosaveAsync(client, slug, id, correct, stamp: 2_000);
        var older = await AutosaveAsync(client, slug, id, wrong, stamp: 1_000);

        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);
        Assert.Contains("\"saved\":true", await newer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        var attempt = await app.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == id));
        Assert.Equal(2_000, attempt.AnswersStamp);
        // Reopening the page (a closed tab, another PC) shows the saved answers.
        var page = await client.GetStringAsync(AttemptUrl(slug, id));
        var textQuestion = sheet.Draw.Questions.ToList().FindIndex(q => q.QuestionId == "term");
        Assert.Contains($"name=\"a{textQuestion}\" value=\"シャドーIT\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_answer_is_refused_with_the_question_number_and_changes_nothing()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        await AutosaveAsync(client, slug, id, sheet.AllCorrect(), stamp: 5_000);
        var before = await app.WithDbAsync(db => db.Attempts.Where(a => a.Id == id).Select(a => a.AnswersJson).SingleAsync());
        var forged = sheet.AllCorrect();
        var single = sheet.Draw.Questions.ToList().FindIndex(q => q.QuestionId == "layers");
        forged[$"a{single}"] = "no-such-choice";

        var save = await AutosaveAsync(client, slug, id, forged, stamp: 6_000);
        var submit = await PostAttemptAsync(client, slug, id, "submit", forged, stamp: 7_000);

        Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);
        Assert.Contains($"問{single + 1}: 選択肢にない解答が送られました。", await save.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Contains($"問{single + 1}: 選択肢にない解答が送られました。", await submit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == id));
        Assert.Equal(before, after.AnswersJson);
        Assert.Equal(AttemptStatus.InProgress, after.Status);
    }

    [Fact]
    public async Task Submitting_shows_scoring_then_the_score_appears_with_feedback_and_the_skills_are_recorded()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);

        var submit = await PostAttemptAsync(client, slug, id, "submit", sheet.AllCorrect(), stamp: 1);
        var result = await WaitForResultAsync(client, slug, id);

        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        // The result region alone, to be put into the page: not a second page with its own landmarks.
        Assert.DoesNotContain("<main", result, StringComparison.Ordinal);
        Assert.StartsWith("<section", result.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("合格", result, StringComparison.Ordinal);
        Assert.Contains("得点 100%", result, StringComparison.Ordinal);
        Assert.Contains("三層の対策と呼びます。", result, StringComparison.Ordinal);
        var attempt = await app.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == id));
        Assert.Equal(AttemptStatus.Scored, attempt.Status);
        var records = await app.WithDbAsync(db => db.SkillRecords.Include(r => r.Skill).Where(r => r.EmployeeId == employeeId).ToListAsync());
        Assert.Equal(QuizCourseBuilder.Grants.OrderBy(g => g.Code), records.Select(r => (r.Skill.Code, r.Level)).OrderBy(g => g.Code));
        Assert.All(records, r =>
        {
            Assert.Equal(id, r.AttemptId);
            Assert.Equal(attempt.CourseVersionId, r.CourseVersionId);
            Assert.Equal(100m, r.ScorePercent);
            Assert.Null(r.ExpiresOn);
        });
        // The scoring ran as a Hangfire job (not in the request), through this database's job storage.
        var succeeded = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 500);
        Assert.Contains(succeeded, j => j.Value.Job?.Method.Name == "ScoreAsync" && (long)j.Value.Job.Args[0] == id);
    }

    [Fact]
    public async Task One_result_request_that_waits_is_answered_with_the_score_once_the_job_has_saved_it()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        var before = await client.GetAsync(AttemptUrl(slug, id) + "?handler=result&wait=10");

        await PostAttemptAsync(client, slug, id, "submit", sheet.AllWrong(), stamp: 1);
        var result = await client.GetAsync(AttemptUrl(slug, id) + "?handler=result&wait=10");

        // Not submitted yet: nothing to wait for, so 採点中 is not claimed and no score is shown.
        Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        // quiz.js asks once and the held request brings the score, instead of polling until it exists.
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Contains("不合格", await result.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Services.GetRequiredService<AttemptScoredSignal>().WaitingCount);
    }

    [Fact]
    public async Task Passing_completes_the_course_once_the_lessons_are_done_and_issues_one_certificate()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        await PostAttemptAsync(client, slug, id, "submit", sheet.AllCorrect(), stamp: 1);
        var result = await WaitForResultAsync(client, slug, id);

        Assert.Contains("すべてのレッスンを学習済みにすると", result, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Certificates.CountAsync(c => c.EmployeeId == employeeId)));

        await AppFixture.PostFormAsync(client, $"/courses/{slug}/lessons/first", $"/courses/{slug}/lessons/first?handler=done", new Dictionary<string, string>());
        var last = await AppFixture.PostFormAsync(client, $"/courses/{slug}/lessons/second", $"/courses/{slug}/lessons/second?handler=done", new Dictionary<string, string>());
        await AppFixture.PostFormAsync(client, $"/courses/{slug}/lessons/second", $"/courses/{slug}/lessons/second?handler=done", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        var enrollment = await app.WithDbAsync(db => db.Enrollments.SingleAsync(e => e.EmployeeId == employeeId));
        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        var certificate = await app.WithDbAsync(db => db.Certificates.SingleAsync(c => c.EmployeeId == employeeId));
        Assert.Equal(id, certificate.AttemptId);
        Assert.Equal(100m, certificate.ScorePercent);
        var course = await client.GetStringAsync($"/courses/{slug}");
        Assert.Contains($"/certificates/{certificate.Code}", course, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_submit_and_a_replayed_form_give_exactly_one_scored_attempt()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        var token = await AppFixture.GetAntiforgeryTokenAsync(client, AttemptUrl(slug, id));
        HttpContent Form() => new FormUrlEncodedContent(AnswerSheet.Pairs(sheet.AllCorrect()).Append(new("__RequestVerificationToken", token)));

        var both = await Task.WhenAll(
            client.PostAsync(AttemptUrl(slug, id) + "?handler=submit", Form()),
            client.PostAsync(AttemptUrl(slug, id) + "?handler=submit", Form()));
        await WaitForResultAsync(client, slug, id);
        var replay = await client.PostAsync(AttemptUrl(slug, id) + "?handler=submit", Form());

        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Attempts.CountAsync(a => a.EmployeeId == employeeId)));
        Assert.Equal(QuizCourseBuilder.Grants.Count, await app.WithDbAsync(db => db.SkillRecords.CountAsync(r => r.EmployeeId == employeeId)));
    }

    [Fact]
    public async Task The_server_enforces_the_time_limit_and_scores_what_was_saved_in_time()
    {
        var slug = await new QuizCourseBuilder().WithTimeLimit(10).PublishAsync(app);
        var (client, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        await AutosaveAsync(client, slug, id, sheet.AllWrong(), stamp: 10);
        await MoveDeadlineIntoThePastAsync(id);

        var lateSave = await AutosaveAsync(client, slug, id, sheet.AllCorrect(), stamp: 20);
        var lateSubmit = await PostAttemptAsync(client, slug, id, "submit", sheet.AllCorrect(), stamp: 30);
        var result = await WaitForResultAsync(client, slug, id);

        Assert.Equal(HttpStatusCode.Conflict, lateSave.StatusCode);
        Assert.Contains("制限時間", await lateSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, lateSubmit.StatusCode);
        var attempt = await app.WithDbAsync(db => db.Attempts.SingleAsync(a => a.Id == id));
        Assert.Equal(SubmissionKind.TimeLimit, attempt.SubmittedBy);
        Assert.Equal(0m, attempt.ScorePercent);
        Assert.Contains("不合格", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_an_attempt_whose_time_ran_out_submits_it()
    {
        var slug = await new QuizCourseBuilder().WithTimeLimit(5).PublishAsync(app);
        var (client, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(client, slug);
        await MoveDeadlineIntoThePastAsync(id);

        var page = await client.GetStringAsync(AttemptUrl(slug, id));

        Assert.DoesNotContain("name=\"a0\"", page, StringComparison.Ordinal);
        Assert.Contains("制限時間を過ぎたため", page, StringComparison.Ordinal);
        Assert.NotEqual(AttemptStatus.InProgress, await app.WithDbAsync(db => db.Attempts.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task When_the_attempts_are_used_up_no_new_attempt_starts()
    {
        var slug = await new QuizCourseBuilder().WithAttempts(2).PublishAsync(app);
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        for (var i = 0; i < 2; i++)
        {
            var id = await StartAsync(client, slug);
            var sheet = await AnswerSheet.ForAsync(app, id);
            await PostAttemptAsync(client, slug, id, "submit", sheet.AllWrong(), stamp: 1);
            await WaitForResultAsync(client, slug, id);
        }

        var third = await AppFixture.PostFormAsync(client, $"/courses/{slug}/quiz", $"/courses/{slug}/quiz?handler=start", new Dictionary<string, string>());
        var page = await client.GetStringAsync($"/courses/{slug}/quiz");

        Assert.Equal($"/courses/{slug}/quiz", third.Headers.Location!.OriginalString);
        Assert.Contains("受験できる回数（2 回）をすべて使いました。", page, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Attempts.CountAsync(a => a.EmployeeId == employeeId)));
    }

    [Fact]
    public async Task Another_persons_attempt_is_not_found_for_any_request()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        var (owner, _) = await app.RunAsEmployeeAsync();
        var (other, _) = await app.RunAsEmployeeAsync();
        var id = await StartAsync(owner, slug);
        var sheet = await AnswerSheet.ForAsync(app, id);
        var token = await AppFixture.GetAntiforgeryTokenAsync(other, $"/courses/{slug}/quiz");
        HttpContent Form() => new FormUrlEncodedContent(AnswerSheet.Pairs(sheet.AllCorrect()).Append(new("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(AttemptUrl(slug, id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(AttemptUrl(slug, id) + "?handler=result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(AttemptUrl(slug, id) + "?handler=save", Form())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(AttemptUrl(slug, id) + "?handler=submit", Form())).StatusCode);
        Assert.Equal(AttemptStatus.InProgress, await app.WithDbAsync(db => db.Attempts.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    private static string AttemptUrl(string slug, long id) => $"/courses/{slug}/quiz/attempts/{id}";

    private static async Task<long> StartAsync(HttpClient client, string slug)
    {
        var response = await AppFixture.PostFormAsync(client, $"/courses/{slug}/quiz", $"/courses/{slug}/quiz?handler=start", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/courses/{slug}/quiz/attempts/", location, StringComparison.Ordinal);
        return long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient client, string slug, long id, IDictionary<string, string> fields, long stamp)
    {
        var token = await AppFixture.GetAntiforgeryTokenAsync(client, $"/courses/{slug}/quiz");
        using var request = new HttpRequestMessage(HttpMethod.Post, AttemptUrl(slug, id) + "?handler=save")
        {
            Content = new FormUrlEncodedContent(AnswerSheet.Pairs(fields)
                .Append(new("stamp", stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Add("X-Autosave", "1");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostAttemptAsync(HttpClient client, string slug, long id, string handler, IDictionary<string, string> fields, long stamp)
    {
        var token = await AppFixture.GetAntiforgeryTokenAsync(client, $"/courses/{slug}/quiz");
        var content = new FormUrlEncodedContent(AnswerSheet.Pairs(fields)
            .Append(new("stamp", stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(AttemptUrl(slug, id) + "?handler=" + handler, content);
    }

    /// <summary>Polls the result region as quiz.js does, until the job has scored the attempt (at most 15 s).</summary>
    private static async Task<string> WaitForResultAsync(HttpClient client, string slug, long id)
    {
        for (var i = 0; i < 150; i++)
        {
            var response = await client.GetAsync(AttemptUrl(slug, id) + "?handler=result");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync();
            }
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            await Task.Delay(100);
        }
        throw new TimeoutException($"Attempt {id} was not scored within 15 s.");
    }

    private Task MoveDeadlineIntoThePastAsync(long id) =>
        app.WithDbAsync(db => db.Attempts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.StartedAtUtc, DateTime.UtcNow.AddHours(-1))
            .SetProperty(a => a.DeadlineUtc, DateTime.UtcNow.AddMinutes(-1))));
}

public sealed class QuizAttemptTestsOnSqlite(SqliteApp app) : QuizAttemptTests<SqliteApp>(app);

public sealed class QuizAttemptTestsOnPostgres(PostgresApp app) : QuizAttemptTests<PostgresApp>(app);
