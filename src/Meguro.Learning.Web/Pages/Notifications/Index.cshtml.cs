using Meguro.Learning.Data;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Notifications;

/// <summary>お知らせ: the signed-in employee's own notices (reminders, digests), newest first; read on request.</summary>
public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Notice(long Id, string Text, string? Url, DateTime CreatedAtUtc, bool IsRead);

    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return;
        Notices = await db.Notifications.AsNoTracking()
            .Where(n => n.EmployeeId == employeeId)
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Take(PageSize)
            .Select(n => new Notice(n.Id, n.Text, n.Url, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(ct);
    }

    /// <summary>すべて既読にする. Only the employee's own notices change.</summary>
    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is { } employeeId)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Notifications.Where(n => n.EmployeeId == employeeId && n.ReadAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        }
        return RedirectToPage();
    }
}
