using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Exemptions;

/// <summary>免除: one person's enrollments by 職員番号; exempt one with a reason, or cancel an exemption. Audited.</summary>
public sealed class IndexModel(LearningDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string AuditAction = "受講の免除";

    public sealed record Row(int Id, string Slug, int Cycle, EnrollmentStatus Status, DateOnly? DueDate, string? Reason);

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    public string? EmployeeName { get; private set; }
    public IReadOnlyList<Row> Enrollments { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostExemptAsync(int enrollmentId, string? reason, CancellationToken ct) =>
        await ChangeAsync(enrollmentId, e => e.Exempt(reason ?? "", User.Identity!.Name!, clock.GetUtcNow().UtcDateTime), $"免除（理由: {reason}）", ct);

    public async Task<IActionResult> OnPostCancelAsync(int enrollmentId, CancellationToken ct) =>
        await ChangeAsync(enrollmentId, e => e.CancelExemption(User.Identity!.Name!, clock.GetUtcNow().UtcDateTime), "免除の取消し", ct);

    private async Task<IActionResult> ChangeAsync(int enrollmentId, Action<Enrollment> change, string details, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.Include(e => e.Employee).SingleOrDefaultAsync(e => e.Id == enrollmentId && e.Employee.EmployeeNumber == Number, ct);
        if (enrollment is null)
        {
            // A stale page or a forged id: say so on the page, change nothing.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return await RefuseAsync("指定された受講が見つかりません。画面を読み込み直してください。", ct);
        }
        try
        {
            change(enrollment);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(ex.Message, ct);
        }
        var slug = await db.Courses.Where(c => c.Id == enrollment.CourseId).Select(c => c.Slug).SingleAsync(ct);
        audit.Record(User.Identity!.Name!, AuditAction, $"{Number} {slug}", details);
        await db.SaveChangesAsync(ct);
        Done = "変更しました。";
        return RedirectToPage(new { Number });
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        ModelState.AddModelError("", message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Number))
        {
            return;
        }
        Number = Number.Trim();
        EmployeeName = await db.Employees.Where(e => e.EmployeeNumber == Number).Select(e => e.Name).SingleOrDefaultAsync(ct);
        Enrollments = await db.Enrollments.AsNoTracking().Where(e => e.Employee.EmployeeNumber == Number)
            .OrderBy(e => e.DueDate)
            .Select(e => new Row(e.Id, db.Courses.Where(c => c.Id == e.CourseId).Select(c => c.Slug).First(), e.Cycle, e.Status, e.DueDate, e.StatusReason))
            .ToListAsync(ct);
    }

    public static string StatusName(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Active => "受講中",
        EnrollmentStatus.Completed => "修了",
        EnrollmentStatus.NotRequired => "対象外",
        _ => "免除",
    };
}
