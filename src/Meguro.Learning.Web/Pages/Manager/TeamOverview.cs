using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// The figures of チームの状況 for a set of units and everything below them, read from the report
/// summaries (never by scanning enrollments): completion per curriculum from
/// <see cref="Domain.Reporting.OrgUnitProgressSummary"/> summed over the subtree, people overdue from
/// <see cref="Domain.Reporting.ProgressSummary"/>, and who is on leave today. Shared by the overview
/// (<c>/manager</c>) and the drill-down into one unit (<c>/manager/units/{id}</c>), which show the same view.
/// Callers have already checked that the units are in the person's scope.
/// </summary>
public sealed class TeamOverview(LearningDbContext db, CurriculumNames curriculumNames, TimeProvider clock)
{
    public sealed record Unit(int Id, int? ParentId, string Name, string Path);

    public sealed record CurriculumRow(string Code, string Name, int People, int CompletePeople, int Required, int Completed)
    {
        public int? Percent => Percentage(Completed, Required);
    }

    /// <summary>One row of the table below: a child unit with its subtree, or the people placed directly in the unit itself.</summary>
    public sealed record UnitRow(int Id, string Name, bool DirectMembers, int Staff, int Required, int Completed, int Overdue, int OnLeave)
    {
        public int? Percent => Percentage(Completed, Required);
    }

    public sealed record LeaveRow(int EmployeeId, string Name, string OrgUnit, LeaveKind Kind, DateOnly Start, DateOnly? End);

    public sealed record Result(
        int FiscalYear, IReadOnlyList<int> Years, int Staff, IReadOnlyList<CurriculumRow> Curricula, int OverduePeople,
        IReadOnlyList<LeaveRow> OnLeave, IReadOnlyList<UnitRow> Units);

    /// <summary>Floor, not rounding: 99.6% must not read as 100% while someone still has a course open.</summary>
    public static int? Percentage(int part, int whole) => whole == 0 ? null : (int)Math.Floor(100.0 * part / whole);

    public async Task<IReadOnlyList<Unit>> ActiveUnitsAsync(CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.Path)
            .Select(u => new Unit(u.Id, u.ParentId, u.Name, u.Path))
            .ToListAsync(ct);

    /// <param name="all">Every active unit (<see cref="ActiveUnitsAsync"/>), which the caller has already read to find the roots.</param>
    /// <param name="roots">The units the view is about (with their subtrees).</param>
    /// <param name="rows">The units listed in the table, each with its subtree.</param>
    /// <param name="directOf">When the view is about one unit: that unit, whose own members get a row of their own.</param>
    public async Task<Result> LoadAsync(IReadOnlyList<Unit> all, IReadOnlyList<Unit> roots, IReadOnlyList<Unit> rows, Unit? directOf, int? fiscalYear, CancellationToken ct)
    {
        var today = Jst.Today(clock);
        var year = fiscalYear ?? Jst.FiscalYear(today);
        var inScope = all.Where(u => roots.Any(r => u.Path.StartsWith(r.Path, StringComparison.Ordinal))).ToList();
        var unitIds = inScope.Select(u => u.Id).ToList();

        // Every year's rows of the units (a few per unit and curriculum): the year shown, and which years have figures at all.
        var allYears = await db.OrgUnitProgressSummaries.AsNoTracking()
            .Where(s => unitIds.Contains(s.OrgUnitId))
            .Select(s => new { s.FiscalYear, s.OrgUnitId, s.CurriculumCode, s.EmployeeCount, s.CompleteEmployeeCount, s.RequiredCount, s.CompletedCount })
            .ToListAsync(ct);
        var unitFigures = allYears.Where(s => s.FiscalYear == year).ToList();
        var overdue = await db.ProgressSummaries.AsNoTracking()
            .Where(s => s.FiscalYear == year && unitIds.Contains(s.OrgUnitId) && s.EarliestOpenDueDate < today)
            .Select(s => new { s.EmployeeId, s.OrgUnitId })
            .Distinct()
            .ToListAsync(ct);
        var staff = await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && unitIds.Contains(e.OrgUnitId))
            .GroupBy(e => e.OrgUnitId)
            .Select(g => new { OrgUnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.OrgUnitId, g => g.Count, ct);
        var onLeave = await db.EmployeeLeaves.AsNoTracking()
            .Where(l => l.Start <= today && (l.End == null || l.End >= today))
            .Join(db.Employees.Where(e => e.IsActive && unitIds.Contains(e.OrgUnitId)), l => l.EmployeeId, e => e.Id,
                (l, e) => new { e.Id, e.Name, e.Kana, e.OrgUnitId, Unit = e.OrgUnit.Name, l.Kind, l.Start, l.End })
            .ToListAsync(ct);
        var names = await curriculumNames.AllAsync(ct);
        var years = allYears.Select(s => s.FiscalYear);

        var curricula = unitFigures
            .GroupBy(f => f.CurriculumCode)
            .Select(g => new CurriculumRow(g.Key, names.GetValueOrDefault(g.Key, g.Key),
                g.Sum(f => f.EmployeeCount), g.Sum(f => f.CompleteEmployeeCount), g.Sum(f => f.RequiredCount), g.Sum(f => f.CompletedCount)))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        // Unit ids of a row: its whole subtree, or only the unit itself for the row of its direct members.
        List<int> Subtree(Unit row) => [.. inScope.Where(u => u.Path.StartsWith(row.Path, StringComparison.Ordinal)).Select(u => u.Id)];
        UnitRow Figures(Unit row, IReadOnlyCollection<int> ids, bool direct) => new(
            row.Id, row.Name, direct,
            ids.Sum(id => staff.GetValueOrDefault(id)),
            unitFigures.Where(f => ids.Contains(f.OrgUnitId)).Sum(f => f.RequiredCount),
            unitFigures.Where(f => ids.Contains(f.OrgUnitId)).Sum(f => f.CompletedCount),
            overdue.Where(o => ids.Contains(o.OrgUnitId)).Select(o => o.EmployeeId).Distinct().Count(),
            onLeave.Where(l => ids.Contains(l.OrgUnitId)).Select(l => l.Id).Distinct().Count());
        var unitRows = rows.Select(r => Figures(r, Subtree(r), direct: false)).ToList();
        if (directOf is not null && staff.GetValueOrDefault(directOf.Id) > 0)
        {
            unitRows.Insert(0, Figures(directOf, [directOf.Id], direct: true));
        }

        return new Result(
            year,
            [.. years.Append(Jst.FiscalYear(today)).Distinct().OrderDescending()],
            staff.Values.Sum(),
            curricula,
            overdue.Select(o => o.EmployeeId).Distinct().Count(),
            [.. onLeave.OrderBy(l => l.Kana, StringComparer.Ordinal).Select(l => new LeaveRow(l.Id, l.Name, l.Unit, l.Kind, l.Start, l.End))],
            unitRows);
    }
}

/// <summary>What the shared overview partial shows: a heading (null = the whole city), the figures, and the page its 年度 form returns to.</summary>
public sealed record TeamOverviewView(string? Heading, TeamOverview.Result Report, string Action, string? ExportError = null);
