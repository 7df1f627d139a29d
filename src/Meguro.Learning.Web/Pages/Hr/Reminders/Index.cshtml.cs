using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Reminders;

/// <summary>督促の記録: what was sent to whom and when, for a day (default today), optionally one person.</summary>
public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    public sealed record Row(DateOnly RunDate, string StepKey, ReminderRecipient Recipient, string LearnerNumber, string LearnerName,
        string CourseTitle, DateOnly? DueDate, string RecipientName, OutboxStatus? MailStatus, string? MailError, DateTime? SentAtUtc);

    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Date ??= Jst.Today(clock);
        var day = Date.Value;
        var number = Number?.Trim();
        var query =
            from d in db.ReminderDeliveries.AsNoTracking()
            where d.RunDate == day
            join e in db.Enrollments on d.EnrollmentId equals e.Id
            where string.IsNullOrEmpty(number) || e.Employee.EmployeeNumber == number
            join r in db.Employees on d.RecipientEmployeeId equals r.Id
            join m in db.OutboxMails on d.OutboxMailId equals m.Id into mails
            from m in mails.DefaultIfEmpty()
            select new
            {
                d.RunDate,
                d.StepKey,
                d.Recipient,
                Number = e.Employee.EmployeeNumber,
                e.Employee.Name,
                Course = db.CourseVersions.Where(v => v.CourseId == e.CourseId && v.Number == v.Course.PublishedVersionNumber).Select(v => v.Title).FirstOrDefault(),
                e.DueDate,
                RecipientName = r.Name,
                Status = m == null ? (OutboxStatus?)null : m.Status,
                Error = m == null ? null : m.LastError,
                SentAt = m == null ? null : m.SentAtUtc,
            };
        Total = await query.CountAsync(ct);
        Rows = (await query.OrderBy(r => r.Number).ThenBy(r => r.StepKey).Take(PageSize).ToListAsync(ct))
            .Select(r => new Row(r.RunDate, r.StepKey, r.Recipient, r.Number, r.Name, r.Course ?? "", r.DueDate, r.RecipientName, r.Status, r.Error, r.SentAt))
            .ToList();
    }

    public static string StepName(string key) => key switch
    {
        "before-14" => "14営業日前",
        "before-3" => "3営業日前",
        "due" => "期限当日",
        "escalate-1" => "所属長へ（7日超過）",
        "escalate-2" => "所属長の上司へ（30日超過）",
        _ when key.StartsWith("overdue-", StringComparison.Ordinal) => $"期限超過（{key["overdue-".Length..]}週目）",
        _ => key,
    };
}
