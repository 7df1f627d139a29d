using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>
/// The lesson viewer: contents, previous/next, 「学習済みにする」, and resume where you left off.
/// A person's view is reused (<see cref="PersonalPageAttribute"/>) until something it shows changes; the
/// resume point needs no write on a reused view, because moving it to another lesson evicts the pages.
/// </summary>
[PersonalPage]
public sealed class LessonModel(LearnerCourses courses, CourseCompletion completion, LearningDbContext db, TimeProvider clock) : PageModel
{
    public CourseVersion Version { get; private set; } = null!;
    public Lesson Lesson { get; private set; } = null!;
    public Lesson? Previous { get; private set; }
    public Lesson? Next { get; private set; }
    public Enrollment? Enrollment { get; private set; }
    public bool CanEnroll { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string lesson, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (!await LoadAsync(slug, lesson, learner, forReading: true, ct)) return NotFound();
        if (Enrollment is not null && Enrollment.Status is EnrollmentStatus.Active or EnrollmentStatus.Completed)
        {
            Enrollment.Visit(Lesson.Slug, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        CanEnroll = Enrollment is null && Version.SelfEnroll && learner.EmployeeId is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(string slug, string lesson, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (!await LoadAsync(slug, lesson, learner, forReading: false, ct)) return NotFound();
        if (Enrollment is null)
        {
            if (!Version.SelfEnroll || learner.EmployeeId is null)
            {
                Message = "このコースは受講登録されていないため、進捗を記録できません。";
                return RedirectToPage(new { slug, lesson });
            }
            Enrollment = await courses.SelfEnrollAsync(learner, Version, ct);
        }
        // Marking a lesson done twice (double click, back button) records it once.
        var now = clock.GetUtcNow().UtcDateTime;
        Enrollment.MarkLessonDone(Lesson.Slug, now);
        // The last lesson may be what completes the course, when the quiz was passed first.
        var certificate = await completion.TryCompleteAsync(Enrollment, null, now, ct);
        await db.SaveChangesAsync(ct);
        Message = certificate is not null ? "コースを修了しました。修了証が発行されました。"
            : Next is null ? "すべてのレッスンを学習済みにしました。" : "学習済みにしました。";
        return Next is null
            ? RedirectToPage("Course", new { slug })
            : RedirectToPage(new { slug, lesson = Next.Slug });
    }

    /// <summary><paramref name="forReading"/>: the page only shows the version, so the shared in-memory copy serves.</summary>
    private async Task<bool> LoadAsync(string slug, string lessonSlug, Learner learner, bool forReading, CancellationToken ct)
    {
        var found = forReading ? await courses.VisibleVersionForReadingAsync(slug, learner, ct) : await courses.VisibleVersionAsync(slug, learner, ct);
        if (found is not { } version) return false;
        if (version.FindLesson(lessonSlug) is not { } lesson) return false;
        Version = version;
        Lesson = lesson;
        var ordered = version.Lessons.OrderBy(l => l.Number).ToList();
        var index = ordered.IndexOf(lesson);
        Previous = index > 0 ? ordered[index - 1] : null;
        Next = index < ordered.Count - 1 ? ordered[index + 1] : null;
        Enrollment = await courses.EnrollmentAsync(learner, version, ct);
        return true;
    }
}
