using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

public sealed class IndexModel(OrgScope scope) : PageModel
{
    public sealed record UnitRow(string Name, int Staff);
    public sealed record StaffRow(string Name, string OrgUnit, string JobLevel, string EmploymentType);

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var units = await scope.ManagedUnitsAsync(User, ct);
        if (units.Count == 0)
        {
            return;
        }
        var visible = (await scope.VisibleEmployeesAsync(User, ct)).Where(e => e.IsActive);
        var staff = await visible
            .Select(e => new { e.Name, e.Kana, Org = e.OrgUnit.Name, Path = e.OrgUnit.Path, Level = e.JobLevel.Name, Rank = e.JobLevel.Rank, e.EmploymentType })
            .ToListAsync(ct);
        Units = units.Select(u => new UnitRow(u.Name, staff.Count(s => s.Path.StartsWith(u.Path, StringComparison.Ordinal)))).ToList();
        Staff = staff
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenByDescending(s => s.Rank).ThenBy(s => s.Kana, StringComparer.Ordinal)
            .Select(s => new StaffRow(s.Name, s.Org, s.Level, s.EmploymentType.ToJapanese()))
            .ToList();
    }
}
