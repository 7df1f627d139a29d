using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>The course quiz: its rules, the learner's attempts so far, and 受験を開始する.</summary>
public sealed class QuizModel(LearnerCourses courses, QuizAttempts attempts) : PageModel
{
    public CourseVersion Version { get; private set; } = null!;
    public QuizDefinition Quiz { get; private set; } = null!;
    public Enrollment? Enrollment { get; private set; }
    public IReadOnlyList<Attempt> Attempts { get; private set; } = [];
    public bool CanEnroll { get; private set; }
    [TempData] public string? Message { get; set; }

    public int QuestionCount => Math.Min(Quiz.DrawCount ?? Quiz.Questions.Count, Quiz.Questions.Count);
    public Attempt? OpenAttempt => Attempts.FirstOrDefault(a => a.Status == AttemptStatus.InProgress);
    public bool Passed => Enrollment?.QuizPassedAtUtc is not null;
    public bool AttemptsUsedUp => Quiz.AttemptsAllowed > 0 && Attempts.Count >= Quiz.AttemptsAllowed && OpenAttempt is null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (!await LoadAsync(slug, learner, ct)) return NotFound();
        CanEnroll = Enrollment is null && Version.SelfEnroll && learner.EmployeeId is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string slug, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (!await LoadAsync(slug, learner, ct)) return NotFound();
        if (Enrollment is null)
        {
            if (!Version.SelfEnroll || learner.EmployeeId is null)
            {
                Message = "このコースは受講登録されていないため、受験できません。";
                return RedirectToPage(new { slug });
            }
            Enrollment = await courses.SelfEnrollAsync(learner, Version, ct);
        }
        var (attempt, error) = await attempts.StartAsync(Enrollment, Version, Quiz, ct);
        if (attempt is null)
        {
            Message = error;
            return RedirectToPage(new { slug });
        }
        return RedirectToPage("Attempt", new { slug, id = attempt.Id });
    }

    private async Task<bool> LoadAsync(string slug, Learner learner, CancellationToken ct)
    {
        // Read only (the attempt refers to the version by id): the shared in-memory copy serves.
        if (await courses.VisibleVersionForReadingAsync(slug, learner, ct) is not { } version) return false;
        if (await attempts.QuizAsync(version, ct) is not { } quiz) return false;
        Version = version;
        Quiz = quiz;
        Enrollment = await courses.EnrollmentAsync(learner, version, ct);
        Attempts = Enrollment is null ? [] : await attempts.AttemptsAsync(Enrollment, ct);
        return true;
    }
}
