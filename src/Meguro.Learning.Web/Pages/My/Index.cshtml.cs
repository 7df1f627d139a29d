using Meguro.Learning.Data;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.My;

public sealed class IndexModel(LearningDbContext db) : PageModel
{
    public sealed record Profile(string Name, string Kana, string EmployeeNumber, string OrgUnitName, string JobLevelName, string EmploymentType, DateOnly? AppointmentEnd);

    public Profile? Me { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } id)
        {
            return;
        }
        var e = await db.Employees.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { x.Name, x.Kana, x.EmployeeNumber, Org = x.OrgUnit.Name, Level = x.JobLevel.Name, x.EmploymentType, x.AppointmentEndDate })
            .SingleOrDefaultAsync(ct);
        if (e is not null)
        {
            Me = new Profile(e.Name, e.Kana, e.EmployeeNumber, e.Org, e.Level, e.EmploymentType.ToJapanese(), e.AppointmentEndDate);
        }
    }
}
