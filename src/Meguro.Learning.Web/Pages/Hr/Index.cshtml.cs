using Meguro.Learning.Data;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Domain.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr;

public sealed class IndexModel(LearningDbContext db) : PageModel
{
    public int ActiveEmployees { get; private set; }
    public int FixedTermEmployees { get; private set; }
    public int OrgUnits { get; private set; }
    public DateTime? LastRosterImport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveEmployees = await db.Employees.CountAsync(e => e.IsActive, ct);
        FixedTermEmployees = await db.Employees.CountAsync(e => e.IsActive && e.EmploymentType == EmploymentType.FiscalYearAppointed, ct);
        OrgUnits = await db.OrgUnits.CountAsync(u => u.IsActive, ct);
        LastRosterImport = await db.ImportBatches
            .Where(b => b.Kind == ImportKind.Roster && b.Status == ImportStatus.Applied)
            .MaxAsync(b => b.CompletedAtUtc, ct);
    }
}
