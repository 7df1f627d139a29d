using System.Text.Encodings.Web;
using System.Text.Json;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>
/// One attempt: the answer sheet while 受験中 (autosaved by quiz.js, or with 一時保存 without JS), then
/// 採点中 until the scoring job has run, then the score and the feedback. The result region fetches
/// <see cref="OnGetResultAsync"/> until the score is there, so it appears without a reload.
/// </summary>
public sealed class AttemptModel(LearnerCourses courses, QuizAttempts attempts, LearningDbContext db, TimeProvider clock) : PageModel
{
    public const string AutosaveHeader = "X-Autosave";

    /// <summary>Japanese messages stay readable in the autosave answer (no \uXXXX escapes).</summary>
    private static readonly JsonSerializerOptions AutosaveJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CourseVersion Version { get; private set; } = null!;
    public AttemptView View { get; private set; } = null!;
    public string? Error { get; private set; }
    public Certificate? Certificate { get; private set; }
    public bool AllowsRetake { get; private set; }
    [TempData] public string? Message { get; set; }

    public Attempt Attempt => View.Attempt;
    public IReadOnlyList<QuestionScore> Outcome => Attempt.ResultJson is { } json ? AttemptJson.ReadOutcome(json) : [];

    /// <summary>Correct answers are shown once they can no longer help a retake: after a pass or the last attempt.</summary>
    public bool RevealAnswers => Attempt.Passed == true || !AllowsRetake;

    public async Task<IActionResult> OnGetAsync(string slug, long id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct)) return NotFound();
        await attempts.EndIfTimedOutAsync(Attempt, ct);
        await LoadOutcomeContextAsync(ct);
        return Page();
    }

    /// <summary>自動保存 (fetch from quiz.js, answered with JSON) or 一時保存 (form post, answered with a redirect).</summary>
    public async Task<IActionResult> OnPostSaveAsync(string slug, long id, long? stamp, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct)) return NotFound();
        var autosave = Request.Headers.ContainsKey(AutosaveHeader);
        var (answers, error) = ReadForm();
        error ??= await attempts.SaveAsync(Attempt, answers!, stamp ?? NowStamp, ct);
        if (autosave)
        {
            return error is null
                ? new JsonResult(new { saved = true, savedAt = Display.Time(clock.GetUtcNow().UtcDateTime) }, AutosaveJson)
                : new JsonResult(new { saved = false, error }, AutosaveJson) { StatusCode = StatusCodes.Status409Conflict };
        }
        if (error is not null)
        {
            return await ShowErrorAsync(error, ct);
        }
        Message = "解答を保存しました。";
        return RedirectToPage(new { slug, id });
    }

    public async Task<IActionResult> OnPostSubmitAsync(string slug, long id, long? stamp, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct)) return NotFound();
        if (Attempt.Status != AttemptStatus.InProgress)
        {
            // A double submit or a replayed form: the attempt was already handed in once.
            return RedirectToPage(new { slug, id });
        }
        var (answers, error) = ReadForm();
        if (error is not null)
        {
            return await ShowErrorAsync(error, ct);
        }
        await attempts.SubmitAsync(Attempt, answers, stamp ?? NowStamp, ct);
        return RedirectToPage(new { slug, id });
    }

    /// <summary>The longest a result request is held open waiting for the score (<c>wait</c>, in seconds).</summary>
    public const int MaxResultWaitSeconds = 10;

    /// <summary>
    /// The result region once scored (200 with its HTML), or 204 while 採点中. With <paramref name="wait"/>
    /// (seconds, at most <see cref="MaxResultWaitSeconds"/>) a 提出済み attempt is answered as soon as it
    /// is scored within that time: one held request instead of a poll every quarter second.
    /// </summary>
    public async Task<IActionResult> OnGetResultAsync(string slug, long id, int? wait, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var status = await attempts.StatusAsync(id, employeeId, ct);
        if (status is null) return NotFound();
        if (status == AttemptStatus.Submitted && wait > 0)
        {
            status = await attempts.WaitForScoreAsync(id, employeeId, TimeSpan.FromSeconds(Math.Min(wait.Value, MaxResultWaitSeconds)), ct);
        }
        if (status != AttemptStatus.Scored) return new NoContentResult();
        if (!await LoadAsync(slug, id, ct)) return NotFound();
        await LoadOutcomeContextAsync(ct);
        Response.Headers["X-Attempt-Result"] = "1";
        return Partial("_AttemptResult", this);
    }

    private async Task<bool> LoadAsync(string slug, long id, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        if (learner.EmployeeId is not { } employeeId) return false;
        // Read only (the attempt refers to the version by id): the shared in-memory copy serves.
        if (await courses.VisibleVersionForReadingAsync(slug, learner, ct) is not { } version) return false;
        if (await attempts.OwnAsync(id, employeeId, version.CourseId, ct) is not { } view) return false;
        Version = version;
        View = view;
        return true;
    }

    private async Task LoadOutcomeContextAsync(CancellationToken ct)
    {
        if (Attempt.Status != AttemptStatus.Scored) return;
        Certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.EnrollmentId == Attempt.EnrollmentId, ct);
        var used = await db.Attempts.CountAsync(a => a.EnrollmentId == Attempt.EnrollmentId, ct);
        AllowsRetake = Attempt.Passed != true && (View.Quiz.AttemptsAllowed == 0 || used < View.Quiz.AttemptsAllowed);
    }

    private (IReadOnlyDictionary<string, QuizResponse>? Answers, string? Error) ReadForm() =>
        AttemptForm.Read(View.Quiz, View.Draw, name => Request.Form.TryGetValue(name, out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : []);

    /// <summary>A form that the page cannot have produced: say so, keep the stored answers, change nothing.</summary>
    private async Task<IActionResult> ShowErrorAsync(string error, CancellationToken ct)
    {
        Error = error;
        await LoadOutcomeContextAsync(ct);
        var page = Page();
        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>The server's clock in ms, so the countdown is right even when the PC's clock is not.</summary>
    public long NowStamp => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
