using System.Net;
using Meguro.Learning.Content;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Courses;

/// <summary>The learner's side of courses through HTTP, on a real database with the shipped courses imported.</summary>
public abstract partial class LearningTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Security = "information-security";
    private const string ManagersOnly = "dx-leader-management";

    [Fact]
    public async Task A_course_for_managers_is_neither_listed_for_nor_reachable_by_a_staff_member()
    {
        var (staff, _) = await app.RunAsEmployeeAsync("kakariin");
        var (kacho, _) = await app.RunAsEmployeeAsync("kacho");

        var staffCatalog = await staff.GetStringAsync("/courses");
        var kachoCatalog = await kacho.GetStringAsync("/courses");

        Assert.Contains($"/courses/{Security}\"", staffCatalog, StringComparison.Ordinal);
        Assert.DoesNotContain($"/courses/{ManagersOnly}\"", staffCatalog, StringComparison.Ordinal);
        Assert.Contains($"/courses/{ManagersOnly}\"", kachoCatalog, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/courses/{ManagersOnly}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/courses/{ManagersOnly}/lessons/role-of-managers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kacho.GetAsync($"/courses/{ManagersOnly}")).StatusCode);
    }

    [Theory]
    [InlineData("ｾｷｭﾘﾃｨ")]
    [InlineData("せきゅりてぃ")]
    [InlineData("標的型")]
    public async Task Search_finds_Japanese_text_whatever_the_kana_or_width(string query)
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var page = await client.GetStringAsync("/courses?q=" + Uri.EscapeDataString(query));

        Assert.Contains($"/courses/{Security}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_catalogue_by_category()
    {
        var (client, _) = await app.RunAsEmployeeAsync();

        var page = await client.GetStringAsync("/courses?category=" + Uri.EscapeDataString("データ活用"));

        Assert.Contains("/courses/data-literacy\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/courses/{Security}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrol_mark_lessons_done_once_each_and_resume_at_the_first_lesson_not_done()
    {
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var lessons = await LessonSlugsAsync(Security);

        await PostAsync(client, $"/courses/{Security}", "enroll");
        var afterFirst = await PostAsync(client, $"/courses/{Security}/lessons/{lessons[0]}", "done");
        await PostAsync(client, $"/courses/{Security}/lessons/{lessons[0]}", "done");
        var my = await client.GetStringAsync("/my");

        Assert.Equal($"/courses/{Security}/lessons/{lessons[1]}", afterFirst.Headers.Location!.OriginalString);
        Assert.Equal(1, await app.WithDbAsync(db => db.LessonProgress.CountAsync(p => p.Enrollment.EmployeeId == employeeId)));
        var percent = 100 / lessons.Count;
        Assert.Contains($"value=\"{percent}\"", my, StringComparison.Ordinal);
        Assert.Contains($"/courses/{Security}/lessons/{lessons[1]}\"", my, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_is_kept_by_lesson_slug_when_a_new_version_is_published()
    {
        var (client, _) = await app.RunAsEmployeeAsync();
        var lessons = await LessonSlugsAsync("generative-ai");
        await PostAsync(client, "/courses/generative-ai", "enroll");
        await PostAsync(client, $"/courses/generative-ai/lessons/{lessons[0]}", "done");

        var published = await PublishChangedFirstLessonAsync("generative-ai", "\n\n## 追記\n\n新しい版で追加した段落です。\n");
        var lessonPage = await client.GetStringAsync($"/courses/generative-ai/lessons/{lessons[0]}");
        var coursePage = await client.GetStringAsync("/courses/generative-ai");

        Assert.Equal(CourseImportOutcome.NewVersion, published.Outcome);
        Assert.Contains("新しい版で追加した段落です。", lessonPage, StringComparison.Ordinal);
        Assert.Contains($"第 {published.VersionNumber} 版", coursePage, StringComparison.Ordinal);
        Assert.Contains("学習済み", coursePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_is_served_sandboxed_and_only_to_people_who_may_see_the_course()
    {
        var (staff, _) = await app.RunAsEmployeeAsync("kakariin");
        var (kacho, _) = await app.RunAsEmployeeAsync("kacho");
        var managerImage = await app.WithDbAsync(db => db.CourseVersionMedia.Where(m => m.CourseVersion.Course.Slug == ManagersOnly).Select(m => m.FileName).FirstAsync());
        var securityImage = await app.WithDbAsync(db => db.CourseVersionMedia.Where(m => m.CourseVersion.Course.Slug == Security).Select(m => m.FileName).FirstAsync());

        var image = await staff.GetAsync($"/courses/{Security}/media/{securityImage}");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", Assert.Single(image.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/courses/{ManagersOnly}/media/{managerImage}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kacho.GetAsync($"/courses/{ManagersOnly}/media/{managerImage}")).StatusCode);
    }

    [Fact]
    public async Task An_account_without_an_employee_record_can_read_but_cannot_enrol()
    {
        using var client = await app.RunAsUserAsync(Meguro.Learning.Data.Identity.Roles.Learner);

        var page = await client.GetStringAsync($"/courses/{Security}");
        var post = await PostAsync(client, $"/courses/{Security}", "enroll");

        Assert.DoesNotContain("受講登録する", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enrollments.CountAsync(e => e.Employee.UserId == null)));
    }

    private Task<List<string>> LessonSlugsAsync(string slug) => app.WithDbAsync(db => db.CourseVersions
        .Where(v => v.Course.Slug == slug && v.Number == v.Course.PublishedVersionNumber)
        .SelectMany(v => v.Lessons).OrderBy(l => l.Number).Select(l => l.Slug).ToListAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler) =>
        AppFixture.PostFormAsync(client, page, $"{page}?handler={handler}", new Dictionary<string, string>());

    /// <summary>Publishes the course again with text appended to its first lesson, as an author would.</summary>
    private async Task<CourseImportResult> PublishChangedFirstLessonAsync(string slug, string appended)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Meguro.Learning.Data.LearningDbContext>();
        var version = await db.CourseVersions.Include(v => v.Files).Include(v => v.Media).ThenInclude(m => m.Blob)
            .SingleAsync(v => v.Course.Slug == slug && v.Number == v.Course.PublishedVersionNumber);
        var first = version.Files.Where(f => f.Path != "course.md" && f.Path.EndsWith(".md", StringComparison.Ordinal) && f.Path != "quiz.md").OrderBy(f => f.Path).First();
        var files = version.Files.ToDictionary(f => f.Path, f => System.Text.Encoding.UTF8.GetBytes(f.Path == first.Path ? f.Text + appended : f.Text));
        foreach (var media in version.Media)
        {
            files["media/" + media.FileName] = media.Blob.Bytes;
        }
        return await scope.ServiceProvider.GetRequiredService<CourseImporter>().PublishAsync(slug, files, "テスト", CourseOrigin.Editor, CancellationToken.None);
    }
}

public sealed class LearningTestsOnSqlite(SqliteApp app) : LearningTests<SqliteApp>(app);

public sealed class LearningTestsOnPostgres(PostgresApp app) : LearningTests<PostgresApp>(app);
