using Meguro.Learning.Data;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Web.Infrastructure;
using Meguro.Learning.Web.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// スキルマトリクス: people × the skills of one category, each cell the person's current level
/// (<see cref="EmployeeSkillLevel"/>) against the target of their job level (<see cref="SkillTarget"/>),
/// with a per-skill summary underneath. The unit (<c>?unit=</c>, within the viewer's scope, else 404)
/// and the category (<c>?category=</c>) are chosen with a plain GET form.
/// </summary>
public sealed class SkillsModel(LearningDbContext db, OrgScope scope, TeamOverview overview, ReportExporter exporter, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Beyond this many people the matrix stops being readable; the summary is still shown.</summary>
    public const int MaxPeople = 300;

    public sealed record Option(string Value, string Text, string Group);

    public sealed record SkillColumn(int Id, string Name);

    public sealed record Cell(int Level, int? Target)
    {
        public int Gap => Target is { } t ? SkillTarget.Gap(Level, t) : 0;
    }

    public sealed record PersonRow(int Id, string Name, string OrgUnit, string JobLevel, IReadOnlyList<Cell> Cells);

    public sealed record SkillSummary(string Name, int Meeting, int WithTarget, int? Percent);

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public string CategoryName { get; private set; } = "";
    public IReadOnlyList<SkillColumn> Skills { get; private set; } = [];
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public int PeopleCount { get; private set; }
    public IReadOnlyList<SkillSummary> Summary { get; private set; } = [];
    public IReadOnlyDictionary<int, string> LevelNames { get; private set; } = new Dictionary<int, string>();

    public bool TooMany => PeopleCount > MaxPeople;

    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var roots = await scope.RootUnitsAsync(User, ct);
        var units = (await overview.ActiveUnitsAsync(ct)).Where(u => roots.Any(r => u.Path.StartsWith(r.Path, StringComparison.Ordinal))).ToList();
        if (Unit is { } unitId && units.All(u => u.Id != unitId))
        {
            return NotFound();
        }
        Units = [.. units.Select(u => new Option(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Indent(u.Path) + u.Name, ""))];
        var paths = Unit is { } id ? [units.Single(u => u.Id == id).Path] : roots.Select(r => r.Path).ToList();
        await LoadCategoriesAsync(ct);
        if (Skills.Count == 0 || paths.Count == 0)
        {
            return Page();
        }
        await LoadMatrixAsync(paths, ct);
        var filters = $"{(Unit is { } u ? units.Single(x => x.Id == u).Name : "担当の所属すべて")}・{CategoryName}";
        return await TeamExports.TryExportAsync(this, exporter, ExportTables(), filters, e => ExportError = e, L, ct) ?? Page();
    }

    /// <summary>The matrix as the page shows it: each skill as its level and its target, in two columns.</summary>
    private IReadOnlyList<ReportTable> ExportTables()
    {
        var matrix = ReportTable.Of("matrix", L["スキルマトリクス: {0}", CategoryName],
            [new(L["氏名"]), new(L["所属"]), new(L["職層"]),
             .. Skills.SelectMany(k => new ReportColumn[] { new(k.Name, CellKind.Number), new(L["{0}（目標）", k.Name], CellKind.Number) })],
            [.. People.Select(p => new ReportRow([ReportCell.Of(p.Name), ReportCell.Of(p.OrgUnit), ReportCell.Of(p.JobLevel),
                .. p.Cells.SelectMany(c => new[] { ReportCell.Of(c.Level), c.Target is { } t ? ReportCell.Of(t) : new ReportCell(CellKind.Number, null, null, null) })]))],
            containsPersonalData: true);
        var summary = ReportTable.Of("summary", L["スキル別の目標達成状況: {0}", CategoryName],
            [new(L["スキル"]), new(L["目標に届いている職員（人）"], CellKind.Number), new(L["目標のある職員（人）"], CellKind.Number), new(L["達成率"], CellKind.Percent)],
            [.. Summary.Select(s => ReportRow.Of(ReportCell.Of(s.Name), ReportCell.Of(s.Meeting), ReportCell.Of(s.WithTarget), ReportCell.Percent(s.Meeting, s.WithTarget)))]);
        return TooMany ? [summary] : [matrix, summary];
    }

    private async Task LoadCategoriesAsync(CancellationToken ct)
    {
        var choice = await SkillCategoryChoice.LoadAsync(db, Category, ct);
        Categories = [.. choice.Categories.Select(c => new Option(c.Code, c.Name, c.Framework))];
        if (choice.Chosen is not { } chosen)
        {
            return;
        }
        Category = chosen.Code;
        CategoryName = chosen.Name;
        Skills = [.. choice.Skills.Select(s => new SkillColumn(s.Id, s.Name))];
        LevelNames = await db.SkillLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, l => l.Name, ct);
    }

    private async Task LoadMatrixAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var people = scope.EmployeesUnder(paths).AsNoTracking().Where(e => e.IsActive);
        var skillIds = Skills.Select(s => s.Id).ToList();
        var staff = await people
            .Select(e => new { e.Id, e.Name, e.Kana, e.JobLevelId, Level = e.JobLevel.Name, Rank = e.JobLevel.Rank, Unit = e.OrgUnit.Name, e.OrgUnit.Path })
            .ToListAsync(ct);
        var levels = (await db.EmployeeSkillLevels.AsNoTracking()
                .Where(l => skillIds.Contains(l.SkillId) && people.Any(p => p.Id == l.EmployeeId))
                .Select(l => new { l.EmployeeId, l.SkillId, l.Level }).ToListAsync(ct))
            .ToDictionary(l => (l.EmployeeId, l.SkillId), l => l.Level);
        var targets = (await db.SkillTargets.AsNoTracking().Where(t => skillIds.Contains(t.SkillId))
                .Select(t => new { t.JobLevelId, t.SkillId, t.TargetLevel }).ToListAsync(ct))
            .ToDictionary(t => (t.JobLevelId, t.SkillId), t => t.TargetLevel);

        var rows = staff
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenByDescending(s => s.Rank).ThenBy(s => s.Kana, StringComparer.Ordinal)
            .Select(s => new PersonRow(s.Id, s.Name, s.Unit, s.Level, [.. Skills.Select(k => new Cell(
                levels.GetValueOrDefault((s.Id, k.Id)),
                targets.TryGetValue((s.JobLevelId, k.Id), out var t) ? t : null))]))
            .ToList();
        PeopleCount = rows.Count;
        People = rows.Count > MaxPeople ? [] : rows;
        Summary = [.. Skills.Select((k, i) =>
        {
            var withTarget = rows.Where(r => r.Cells[i].Target is not null).ToList();
            var meeting = withTarget.Count(r => r.Cells[i].Gap == 0);
            return new SkillSummary(k.Name, meeting, withTarget.Count, TeamOverview.Percentage(meeting, withTarget.Count));
        })];
    }

    /// <summary>Full-width spaces by depth (部 none, 課 one, 係 two), so the unit list reads as a tree.</summary>
    private static string Indent(string path) => new('　', Math.Max(0, path.Count(c => c == '/') - 2));
}
