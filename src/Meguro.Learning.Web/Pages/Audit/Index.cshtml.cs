using Meguro.Learning.Data;
using Meguro.Learning.Domain.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Audit;

/// <summary>監査ログ: who did what, when and why. Administrators and HR read it (HR is audited for its own changes too).</summary>

public sealed class AuditModel(LearningDbContext db) : PageModel
{
    public int PageSize => 100;
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        var page = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Skip(Skip).Take(PageSize + 1)
            .ToListAsync(ct);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }
}
