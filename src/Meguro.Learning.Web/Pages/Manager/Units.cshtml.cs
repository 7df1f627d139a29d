using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// One unit of the team (a 係, or a 課 for a 部長 or HR) with its subtree, in the same view as the
/// overview. A unit outside the person's scope answers 404, as if it did not exist.
/// </summary>
public sealed class UnitsModel(OrgScope scope, TeamOverview overview, ReportExporter exporter, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public string Heading { get; private set; } = "";
    public IReadOnlyList<TeamOverview.Unit> Trail { get; private set; } = [];
    public TeamOverview.Result? Report { get; private set; }
    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var units = await overview.ActiveUnitsAsync(ct);
        var unit = units.FirstOrDefault(u => u.Id == id);
        if (unit is null || !await scope.CanSeePathAsync(User, unit.Path, ct))
        {
            return NotFound();
        }
        Heading = unit.Name;
        // The units above this one that the person may also open, for the breadcrumbs.
        var above = units.Where(u => u.Id != unit.Id && unit.Path.StartsWith(u.Path, StringComparison.Ordinal)).ToList();
        var trail = new List<TeamOverview.Unit>();
        foreach (var u in above)
        {
            if (await scope.CanSeePathAsync(User, u.Path, ct))
            {
                trail.Add(u);
            }
        }
        Trail = trail;
        Report = await overview.LoadAsync(units, [unit], [.. units.Where(u => u.ParentId == unit.Id)], unit, Year, ct);
        return await TeamExports.TryExportAsync(this, exporter, TeamExports.Overview(Report, L), TeamExports.OverviewFilters(Heading, Report.FiscalYear),
            e => ExportError = e, L, ct) ?? Page();
    }
}
