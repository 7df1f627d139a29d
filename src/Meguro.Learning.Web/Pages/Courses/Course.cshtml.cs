using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>A course's overview, lessons and skills, and 受講登録 where the course allows it.</summary>
public sealed class CourseModel(LearnerCourses courses, QuizAttempts attempts, LearningDbContext db) : PageModel
{
    public CourseVersion Version { get; private set; } = null!;
    public Enrollment? Enrollment { get; private set; }
    public bool CanEnroll { get; private set; }
    public bool HasQuiz { get; private set; }
    public string? CertificateCode { get; private set; }
    public IReadOnlyDictionary<int, string> LevelNames { get; private set; } = new Dictionary<int, string>();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Lesson> Lessons => Version.Lessons.OrderBy(l => l.Number).ToList();
    public IReadOnlyList<string> LessonSlugs => Lessons.Select(l => l.Slug).ToList();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (await courses.VisibleVersionAsync(slug, learner, ct) is not { } version) return NotFound();
        Version = version;
        Enrollment = await courses.EnrollmentAsync(learner, version, ct);
        CanEnroll = Enrollment is null && version.SelfEnroll && learner.EmployeeId is not null;
        LevelNames = await db.SkillLevels.ToDictionaryAsync(l => l.Level, l => l.Name, ct);
        HasQuiz = await attempts.QuizAsync(version, ct) is not null;
        if (Enrollment is { Status: EnrollmentStatus.Completed })
        {
            CertificateCode = await db.Certificates.Where(c => c.EnrollmentId == Enrollment.Id).Select(c => c.Code).SingleOrDefaultAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEnrollAsync(string slug, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (await courses.VisibleVersionAsync(slug, learner, ct) is not { } version) return NotFound();
        if (learner.EmployeeId is null || !version.SelfEnroll)
        {
            Message = "このコースには自分で受講登録できません。";
            return RedirectToPage(new { slug });
        }
        await courses.SelfEnrollAsync(learner, version, ct);
        Message = "受講登録しました。";
        return RedirectToPage(new { slug });
    }
}
