using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// チームの状況: for a manager the units they head with everything below them, for HR the whole city
/// by 部. One unit is shown with a row per child unit; several (兼務, or HR's 部) with a row each.
/// </summary>
public sealed class IndexModel(OrgScope scope, TeamOverview overview, ReportExporter exporter, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The unit(s) shown; null for HR's whole-city view.</summary>
    public string? Heading { get; private set; }
    public TeamOverview.Result? Report { get; private set; }
    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var roots = await scope.RootUnitsAsync(User, ct);
        if (roots.Count == 0)
        {
            return Page();
        }
        var units = await overview.ActiveUnitsAsync(ct);
        var rootRows = units.Where(u => roots.Any(r => r.Id == u.Id)).ToList();
        var single = rootRows.Count == 1 ? rootRows[0] : null;
        Heading = single?.Name ?? (OrgScope.SeesEverything(User) ? null : string.Join("・", rootRows.Select(r => r.Name)));
        var rows = single is null ? rootRows : [.. units.Where(u => u.ParentId == single.Id)];
        Report = await overview.LoadAsync(units, rootRows, rows, single, Year, ct);
        return await TeamExports.TryExportAsync(this, exporter, TeamExports.Overview(Report, L), TeamExports.OverviewFilters(Heading, Report.FiscalYear),
            e => ExportError = e, L, ct) ?? Page();
    }
}
