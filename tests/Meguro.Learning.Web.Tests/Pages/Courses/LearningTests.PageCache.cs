using System.Net;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Meguro.Learning.Web.Tests.Infrastructure;

namespace Meguro.Learning.Web.Tests.Pages.Courses;

/// <summary>
/// The lesson viewer reuses a person's rendered page (PersonalPageMiddleware): a reused response carries
/// an <c>Age</c> header. These tests pin down that it is reused, never for someone else, and never after
/// something it shows has changed. (Part of the learning tests, so they share its app.)
/// </summary>
public abstract partial class LearningTests<TApp>
{

    [Fact]
    public async Task A_second_view_of_a_lesson_is_reused_for_the_same_person_only()
    {
        var (first, firstId) = await app.RunAsEmployeeAsync();
        var (second, secondId) = await app.RunAsEmployeeAsync();
        var lesson = await SecurityLessonUrlAsync(0);

        using var firstView = await first.GetAsync(lesson);
        using var againView = await first.GetAsync(lesson);
        using var otherView = await second.GetAsync(lesson);
        var otherPage = await otherView.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, againView.StatusCode);
        Assert.False(firstView.Headers.Contains("Age"));
        Assert.True(againView.Headers.Contains("Age"));
        Assert.False(otherView.Headers.Contains("Age"));
        Assert.Contains(await NameAsync(secondId), otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(await NameAsync(firstId), otherPage, StringComparison.Ordinal);
        Assert.Equal(await firstView.Content.ReadAsStringAsync(), await againView.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", againView.Content.Headers.ContentType?.ToString());
        Assert.Equal(firstView.Headers.GetValues("Content-Security-Policy"), againView.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_lesson_view_that_moved_the_resume_point_is_reused_on_the_next_view()
    {
        var (client, _) = await app.RunAsEmployeeAsync();
        await AppFixture.PostFormAsync(client, $"/courses/{Security}", $"/courses/{Security}?handler=enroll", new Dictionary<string, string>());
        var lesson = await SecurityLessonUrlAsync(1);
        // Shows (and so clears) the message of the enrollment: a page with a message is never kept.
        await client.GetStringAsync($"/courses/{Security}");

        using var first = await client.GetAsync(lesson);
        using var again = await client.GetAsync(lesson);

        Assert.False(first.Headers.Contains("Age"));
        Assert.True(again.Headers.Contains("Age"));
    }

    [Fact]
    public async Task A_notice_saved_by_a_job_shows_on_the_next_view_of_a_cached_lesson()
    {
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var lesson = await SecurityLessonUrlAsync(0);
        await client.GetStringAsync(lesson);
        using var cached = await client.GetAsync(lesson);

        await app.WithScopeAsync(async sp =>
        {
            // As the reminder job does: its own scope, its own save.
            var db = sp.GetRequiredService<LearningDbContext>();
            db.Notifications.Add(new Notification(employeeId, $"test:{Guid.NewGuid():N}", "期限が近づいています。", "/my", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        using var after = await client.GetAsync(lesson);
        var page = await after.Content.ReadAsStringAsync();

        Assert.True(cached.Headers.Contains("Age"));
        Assert.False(after.Headers.Contains("Age"));
        Assert.Contains("badge--count\">1<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_to_a_cached_lesson_moves_the_resume_point_back()
    {
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        await AppFixture.PostFormAsync(client, $"/courses/{Security}", $"/courses/{Security}?handler=enroll", new Dictionary<string, string>());
        var (lesson0, lesson1) = (await SecurityLessonUrlAsync(0), await SecurityLessonUrlAsync(1));

        await client.GetStringAsync(lesson0);
        await client.GetStringAsync(lesson0);
        await client.GetStringAsync(lesson1);
        using var back = await client.GetAsync(lesson0);

        Assert.False(back.Headers.Contains("Age"));
        Assert.Equal(lesson0.Split('/')[^1], await app.WithDbAsync(db => db.Enrollments
            .Where(e => e.EmployeeId == employeeId && db.Courses.Any(c => c.Id == e.CourseId && c.Slug == Security)).Select(e => e.LastLessonSlug).SingleAsync()));
    }

    [Fact]
    public async Task An_archived_course_is_no_longer_served_from_the_cache()
    {
        var (client, _) = await app.RunAsEmployeeAsync();
        const string slug = "data-literacy";
        var lesson = await app.WithDbAsync(db => db.CourseVersions
            .Where(v => v.Course.Slug == slug && v.Number == v.Course.PublishedVersionNumber)
            .SelectMany(v => v.Lessons).OrderBy(l => l.Number).Select(l => $"/courses/{slug}/lessons/{l.Slug}").FirstAsync());
        await client.GetStringAsync(lesson);
        using var cached = await client.GetAsync(lesson);

        await SetArchivedAsync(slug, archived: true);
        try
        {
            using var archived = await client.GetAsync(lesson);

            Assert.True(cached.Headers.Contains("Age"));
            Assert.Equal(HttpStatusCode.NotFound, archived.StatusCode);
        }
        finally
        {
            await SetArchivedAsync(slug, archived: false);
        }
    }

    private Task SetArchivedAsync(string slug, bool archived) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var course = await db.Courses.SingleAsync(c => c.Slug == slug);
        if (archived)
        {
            course.Archive();
        }
        else
        {
            course.Restore();
        }
        await db.SaveChangesAsync();
    });

    /// <summary>The part of the name after the ideographic space, which Razor writes as a character reference.</summary>
    private async Task<string> NameAsync(int employeeId) =>
        (await app.WithDbAsync(db => db.Employees.Where(e => e.Id == employeeId).Select(e => e.Name).SingleAsync())).Split('　')[^1];

    private Task<string> SecurityLessonUrlAsync(int index) => app.WithDbAsync(async db => $"/courses/{Security}/lessons/" + (await db.CourseVersions
        .Where(v => v.Course.Slug == Security && v.Number == v.Course.PublishedVersionNumber)
        .SelectMany(v => v.Lessons).OrderBy(l => l.Number).Select(l => l.Slug).ToListAsync())[index]);
}
