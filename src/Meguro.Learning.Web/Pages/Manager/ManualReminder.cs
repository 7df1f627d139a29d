using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Reminders;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// 今すぐ督促: a manager sends one overdue learner the reminder mail and in-app notice now, through the
/// same writer, templates and outbox as the daily job. At most once per enrollment per JST day: the
/// delivery's step key is <c>manual:yyyy-MM-dd</c>, so the database's unique key (enrollment, step) is
/// the rate limit, and two presses at the same moment cannot both send. The audit entry is saved with it.
/// </summary>
public sealed class ManualReminder(LearningDbContext db, IReminderMailComposer composer, AuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "今すぐ督促";

    public enum Outcome
    {
        Sent,
        AlreadyToday,
        NotOverdue,
    }

    /// <summary>The enrollment with what the reminder needs; the caller has checked it is in the manager's scope.</summary>
    public sealed record Target(
        int EnrollmentId, int EmployeeId, string EmployeeNumber, string EmployeeName, string Email, bool EmailUndeliverable,
        EnrollmentStatus Status, DateOnly? DueDate, int CourseId);

    public static string StepKeyFor(DateOnly day) => $"manual:{day:yyyy-MM-dd}";

    public async Task<Outcome> SendAsync(Target target, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var today = Jst.Today(clock);
        if (target.Status != EnrollmentStatus.Active || target.DueDate is not { } due || due >= today)
        {
            return Outcome.NotOverdue;
        }
        var stepKey = StepKeyFor(today);
        if (await db.ReminderDeliveries.AnyAsync(d => d.EnrollmentId == target.EnrollmentId && d.StepKey == stepKey, ct))
        {
            return Outcome.AlreadyToday;
        }
        var course = await db.CourseVersions.AsNoTracking()
            .Where(v => v.CourseId == target.CourseId && v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new { v.Title, v.Course.Slug })
            .SingleOrDefaultAsync(ct);
        var title = course?.Title ?? "（公開されていないコース）";
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = new LearnerReminderSubject(target.EnrollmentId, target.EmployeeId, target.EmployeeName, target.Email,
            target.EmailUndeliverable, due, title, course?.Slug ?? "");
        LearnerReminderWriter.Add(db, composer, subject, stepKey, "所属長からの督促", today, now);
        audit.Record(actor, AuditAction, $"{target.EmployeeNumber} {target.EmployeeName}",
            $"コース「{title}」（期限 {due:yyyy年M月d日}、{today.DayNumber - due.DayNumber} 日超過）の督促を送信");
        try
        {
            // One save: the step, its mail, the notice and the audit entry commit together.
            await db.SaveChangesAsync(ct);
            return Outcome.Sent;
        }
        catch (DbUpdateException)
        {
            // Another press (or another node) recorded today's reminder first: its mail stands.
            db.ChangeTracker.Clear();
            return Outcome.AlreadyToday;
        }
    }
}
