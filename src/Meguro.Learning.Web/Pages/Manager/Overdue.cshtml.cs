using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Reminders;
using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// 期限超過の職員: every open required course past its due date of the people in scope, with the last
/// reminder the learner got, and 「今すぐ督促」 per row. An enrollment outside the scope answers 404 and sends nothing.
/// </summary>
public sealed class OverdueModel(LearningDbContext db, OrgScope scope, ManualReminder reminder, TimeProvider clock, ReportExporter exporter, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(int EnrollmentId, int EmployeeId, string Name, string OrgUnit, string Course, DateOnly DueDate, int DaysOverdue, DateTime? LastReminderUtc, bool RemindedToday);

    public const string SentMessage = "{0} さんに督促のメールとお知らせを送りました。";
    public const string AlreadyMessage = "本日はすでに督促済みです。";
    public const string NotOverdueMessage = "このコースは期限を過ぎていないか、修了・免除されているため、督促しませんでした。";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The outcome of the last 「今すぐ督促」 (a resource key) and whom it was for.</summary>
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? MessageName { get; set; }

    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows = await LoadAsync(ct);
        var table = ReportTable.Of("overdue", L["期限超過の必修コース"],
            [new(L["氏名"]), new(L["所属"]), new(L["コース"]), new(L["期限"], CellKind.Date), new(L["超過日数"], CellKind.Number), new(L["最後の督促"])],
            [.. Rows.Select(r => ReportRow.Of(ReportCell.Of(r.Name), ReportCell.Of(r.OrgUnit), ReportCell.Of(r.Course), ReportCell.Of(r.DueDate),
                ReportCell.Of(r.DaysOverdue), ReportCell.Of(r.LastReminderUtc is { } at ? Display.DateTime(at) : "")))],
            containsPersonalData: true);
        return await TeamExports.TryExportAsync(this, exporter, [table], $"期限超過・{Jst.Today(clock):yyyy-MM-dd}", e => ExportError = e, L, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(int enrollmentId, CancellationToken ct)
    {
        var found = await db.Enrollments.AsNoTracking().Where(e => e.Id == enrollmentId && e.Employee.IsActive)
            .Select(e => new
            {
                Target = new ManualReminder.Target(e.Id, e.EmployeeId, e.Employee.EmployeeNumber, e.Employee.Name, e.Employee.Email,
                    e.Employee.EmailProblem != null, e.Status, e.DueDate, e.CourseId),
                e.Employee.OrgUnit.Path,
            })
            .SingleOrDefaultAsync(ct);
        if (found is null || !await scope.CanSeePathAsync(User, found.Path, ct))
        {
            return NotFound();
        }
        MessageName = found.Target.EmployeeName;
        Message = await reminder.SendAsync(found.Target, User.Identity!.Name!, ct) switch
        {
            ManualReminder.Outcome.Sent => SentMessage,
            ManualReminder.Outcome.AlreadyToday => AlreadyMessage,
            _ => NotOverdueMessage,
        };
        return RedirectToPage();
    }

    private async Task<IReadOnlyList<Row>> LoadAsync(CancellationToken ct)
    {
        var today = Jst.Today(clock);
        var todayKey = ManualReminder.StepKeyFor(today);
        var people = await scope.VisibleEmployeesAsync(User, ct);
        if (!OrgScope.SeesEverything(User) && (await scope.ManagedUnitsAsync(User, ct)).Count == 0)
        {
            // A manager without a unit sees nobody (not even themself) in a team report.
            return [];
        }
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Active && e.Source != EnrollmentSource.Self && e.DueDate < today)
            .Where(e => people.Any(p => p.Id == e.EmployeeId && p.IsActive))
            .Select(e => new
            {
                e.Id, e.EmployeeId, e.Employee.Name, e.Employee.Kana, Unit = e.Employee.OrgUnit.Name, e.Employee.OrgUnit.Path, e.DueDate,
                Course = db.CourseVersions.Where(v => v.CourseId == e.CourseId && v.Number == v.Course.PublishedVersionNumber).Select(v => v.Title).FirstOrDefault(),
                LastReminder = db.ReminderDeliveries.Where(d => d.EnrollmentId == e.Id && d.Recipient == ReminderRecipient.Learner).Max(d => (DateTime?)d.CreatedAtUtc),
                RemindedToday = db.ReminderDeliveries.Any(d => d.EnrollmentId == e.Id && d.StepKey == todayKey),
            })
            .ToListAsync(ct);
        return [.. rows
            .OrderBy(r => r.DueDate).ThenBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Kana, StringComparer.Ordinal)
            .Select(r => new Row(r.Id, r.EmployeeId, r.Name, r.Unit, r.Course ?? "", r.DueDate!.Value, today.DayNumber - r.DueDate!.Value.DayNumber, r.LastReminder, r.RemindedToday))];
    }
}
