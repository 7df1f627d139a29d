using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr;

/// <summary>
/// 宛先不明: addresses the mail server refused and mails that could not be sent. HR fixes the address
/// in the roster, then sends the mail again; the mail goes to the employee's current address.
/// </summary>
public sealed class MailProblemsModel(LearningDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int Limit = 200;

    public sealed record Person(string Name, string Number, string OrgUnit, string Email, string Reason, DateTime? AtUtc);

    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<OutboxMail> FailedMails { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        People = await db.Employees.AsNoTracking()
            .Where(e => e.EmailProblem != null)
            .OrderByDescending(e => e.EmailProblemAtUtc)
            .Take(Limit)
            .Select(e => new Person(e.Name, e.EmployeeNumber, e.OrgUnit.Name, e.Email, e.EmailProblem!, e.EmailProblemAtUtc))
            .ToListAsync(ct);
        FailedMails = await db.OutboxMails.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.Id)
            .Take(Limit)
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRequeueAsync(long id, CancellationToken ct)
    {
        var mail = await db.OutboxMails.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (mail is null)
        {
            return NotFound();
        }
        var address = mail.EmployeeId is { } employeeId
            ? await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Email).SingleOrDefaultAsync(ct)
            : null;
        try
        {
            // The roster may have brought a corrected address since; an employee without one keeps the old.
            if (!string.IsNullOrWhiteSpace(address) && address != mail.ToAddress)
            {
                mail.Readdress(address);
            }
            mail.Requeue(clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            Message = ex.Message;
            return RedirectToPage();
        }
        audit.Record(User.Identity!.Name!, "メールを再送", $"送信メール {mail.Id}", $"宛先 {mail.ToAddress}・件名「{mail.Subject}」");
        try
        {
            await db.SaveChangesAsync(ct);
            Message = "再送の予定に入れました。1分ほどで送信します。";
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = "ほかの人が先に操作しました。一覧を確認してください。";
        }
        return RedirectToPage();
    }
}
