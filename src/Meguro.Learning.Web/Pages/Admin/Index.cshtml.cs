using Meguro.Learning.Data;
using Meguro.Learning.Jobs;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Admin;

public sealed class IndexModel(LearningDbContext db, JobStorageDescription jobs) : PageModel
{
    public string DatabaseProvider { get; private set; } = "";
    public string JobStorage { get; private set; } = "";
    public DateTime? HousekeepingLastRun { get; private set; }
    public string HousekeepingResult { get; private set; } = "";
    public int Accounts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DatabaseProvider = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
        JobStorage = jobs.Storage.ToString();
        var run = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.JobName == HousekeepingJob.RecurringJobId, ct);
        HousekeepingLastRun = run?.LastSucceededAtUtc;
        HousekeepingResult = run?.LastResult ?? "";
        Accounts = await db.Users.CountAsync(ct);
    }
}
