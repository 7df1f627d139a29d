using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Reports;

/// <summary>
/// The figures of the city report (全庁レポート) for one fiscal year, read from the report summaries
/// (<c>ProgressRollups</c>, <c>CompletionMonthCounts</c>, <c>EmployeeSkillLevels</c>, <c>SkillTargets</c>)
/// with a handful of small queries — never from the enrollments, nor from the year's person × curriculum rows
/// (except the list of people, <see cref="PeopleAsync"/>). The database groups by unit, job level and
/// employment type together; the org tree (a few hundred units) is then used in memory to add the
/// 係 up into their 課 and 部, which is exact because every person is in one unit only.
/// </summary>
public sealed class CityReportQuery(LearningDbContext db, CurriculumNames curriculumNames, TimeProvider clock)
{
    /// <summary>The DSS-L framework code (content/skills/dss-l.yml).</summary>
    public const string DssLFramework = "dss-l";

    /// <summary>Completion and skill-coverage figures of one group (a unit, a job level, …).</summary>
    public sealed record Figures(int People, int Complete, int Required, int Completed, int Staff, int TargetStaff, int MeetingTargets)
    {
        public static readonly Figures Zero = new(0, 0, 0, 0, 0, 0, 0);

        public Figures Add(Figures other) => new(People + other.People, Complete + other.Complete, Required + other.Required,
            Completed + other.Completed, Staff + other.Staff, TargetStaff + other.TargetStaff, MeetingTargets + other.MeetingTargets);
    }

    public sealed record Group(string Key, IReadOnlyList<string> Labels, Figures Figures);

    public sealed record CurriculumFigures(string Code, string Name, Figures Figures);

    /// <summary>One month end of the trend; <see cref="Completed"/> is null for a month not reached yet.</summary>
    public sealed record TrendPoint(int Year, int Month, int? Completed, int Total);

    /// <summary>One DSS-L area: how many active staff reach level 1, 2, 3 and 4 (index 0..3), "reach" meaning at or above.</summary>
    public sealed record AreaLevels(string Name, int Staff, IReadOnlyList<int> AtLeast);

    public sealed record Result(
        int FiscalYear,
        string? CurriculumCode,
        IReadOnlyList<(string Code, string Name)> Curricula,
        IReadOnlyList<CurriculumFigures> ByCurriculum,
        Figures Total,
        IReadOnlyList<Group> ByDepartment,
        IReadOnlyList<Group> BySection,
        IReadOnlyList<Group> ByJobLevel,
        IReadOnlyList<Group> ByEmploymentType,
        IReadOnlyList<TrendPoint> Trend,
        IReadOnlyList<AreaLevels> DssL,
        bool HasSkillTargets);

    private sealed record Key(int OrgUnitId, int JobLevelId, EmploymentType EmploymentType);

    public async Task<Result> RunAsync(int fiscalYear, string? curriculumCode, CancellationToken ct)
    {
        var today = Jst.Today(clock);

        // Completion per curriculum and group, and over all curricula together (where a person counts
        // once): the rollups the summary refresh keeps, a few thousand rows instead of the year's
        // person × curriculum rows.
        var rollups = await db.ProgressRollups.AsNoTracking()
            .Where(r => r.FiscalYear == fiscalYear)
            .Select(r => new { r.CurriculumCode, r.OrgUnitId, r.JobLevelId, r.EmploymentType, r.People, r.Complete, r.Required, r.Completed })
            .ToListAsync(ct);
        var perCurriculum = rollups.Where(r => r.CurriculumCode != ProgressRollup.AllCurricula).ToList();
        var allCurricula = rollups.Where(r => r.CurriculumCode == ProgressRollup.AllCurricula).ToList();

        var hasTargets = await db.SkillTargets.AnyAsync(ct);
        var coverage = await SkillCoverageAsync(ct);

        var figures = new Dictionary<Key, Figures>();
        void Add(Key key, Figures f) => figures[key] = figures.TryGetValue(key, out var had) ? had.Add(f) : f;
        if (curriculumCode is null)
        {
            foreach (var r in allCurricula)
            {
                Add(new Key(r.OrgUnitId, r.JobLevelId, r.EmploymentType), Figures.Zero with { People = r.People, Complete = r.Complete, Required = r.Required, Completed = r.Completed });
            }
        }
        else
        {
            foreach (var r in perCurriculum.Where(r => r.CurriculumCode == curriculumCode))
            {
                Add(new Key(r.OrgUnitId, r.JobLevelId, r.EmploymentType), Figures.Zero with { People = r.People, Complete = r.Complete, Required = r.Required, Completed = r.Completed });
            }
        }
        foreach (var (key, staff, targetStaff, meeting) in coverage)
        {
            Add(key, Figures.Zero with { Staff = staff, TargetStaff = targetStaff, MeetingTargets = meeting });
        }

        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new Unit(u.Id, u.Name, u.Kind, u.ParentId, u.Path))
            .ToDictionaryAsync(u => u.Id, ct);
        var levels = await db.JobLevels.AsNoTracking().OrderBy(l => l.Rank).Select(l => new { l.Id, l.Name, l.Rank }).ToListAsync(ct);

        var byDepartment = Roll(figures, k => Department(units, k.OrgUnitId) is { } d ? (d.Path, [d.Name]) : ("~", ["—"]));
        var bySection = Roll(figures, k =>
        {
            var department = Department(units, k.OrgUnitId);
            var section = Section(units, k.OrgUnitId);
            return (section?.Path ?? (department?.Path ?? "~") + "/",
                [department?.Name ?? "—", section?.Name ?? "（部に直属）"]);
        });
        var levelOrder = levels.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var byJobLevel = Roll(figures, k => (levelOrder.GetValueOrDefault(k.JobLevelId, 999).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            [levels.FirstOrDefault(l => l.Id == k.JobLevelId)?.Name ?? "—"]));
        var byType = Roll(figures, k => (((int)k.EmploymentType).ToString(System.Globalization.CultureInfo.InvariantCulture), [k.EmploymentType.ToJapanese()]));
        var total = figures.Values.Aggregate(Figures.Zero, (a, b) => a.Add(b));

        var names = await curriculumNames.AllAsync(ct);
        var byCurriculum = perCurriculum
            .GroupBy(r => r.CurriculumCode)
            .Select(g => new CurriculumFigures(g.Key, names.GetValueOrDefault(g.Key, g.Key), Figures.Zero with
            {
                People = g.Sum(r => r.People), Complete = g.Sum(r => r.Complete), Required = g.Sum(r => r.Required), Completed = g.Sum(r => r.Completed),
            }))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var allTotal = Figures.Zero with
        {
            People = allCurricula.Sum(r => r.People), Complete = allCurricula.Sum(r => r.Complete),
            Required = allCurricula.Sum(r => r.Required), Completed = allCurricula.Sum(r => r.Completed),
        };
        byCurriculum.Add(new CurriculumFigures("", "", allTotal));

        return new Result(
            fiscalYear,
            curriculumCode,
            [.. byCurriculum.Where(c => c.Code != "").Select(c => (c.Code, c.Name))],
            byCurriculum,
            total,
            byDepartment,
            bySection,
            byJobLevel,
            byType,
            await TrendAsync(fiscalYear, curriculumCode, today, ct),
            await DssLAsync(ct),
            hasTargets);
    }

    private sealed record Unit(int Id, string Name, OrgUnitKind Kind, int? ParentId, string Path);

    private static Unit? Department(Dictionary<int, Unit> units, int id)
    {
        Unit? top = null;
        for (var unit = units.GetValueOrDefault(id); unit is not null; unit = unit.ParentId is { } p ? units.GetValueOrDefault(p) : null)
        {
            top = unit;
            if (unit.Kind == OrgUnitKind.Department)
            {
                return unit;
            }
        }
        return top;
    }

    private static Unit? Section(Dictionary<int, Unit> units, int id)
    {
        for (var unit = units.GetValueOrDefault(id); unit is not null; unit = unit.ParentId is { } p ? units.GetValueOrDefault(p) : null)
        {
            if (unit.Kind == OrgUnitKind.Section)
            {
                return unit;
            }
        }
        return null;
    }

    private static List<Group> Roll(Dictionary<Key, Figures> figures, Func<Key, (string Sort, string[] Labels)> groupOf) =>
        [.. figures
            .Select(f => (Group: groupOf(f.Key), f.Value))
            .GroupBy(x => x.Group.Sort, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, g.First().Group.Labels, g.Select(x => x.Value).Aggregate(Figures.Zero, (a, b) => a.Add(b))))];

    /// <summary>
    /// Active staff per unit × job level × employment type, those whose job level has skill targets, and
    /// of those the people who meet every target of their job level (current level ≥ target level).
    /// </summary>
    private async Task<List<(Key Key, int Staff, int TargetStaff, int Meeting)>> SkillCoverageAsync(CancellationToken ct)
    {
        // Set-based rather than two correlated counts per person: those took ~0.9 s over 100,000
        // staff (benchmark goal 6). Staff per group, targets per job level (a small table), and the
        // met targets of each person who meets any, joined once; the rest is counted here.
        var staff = await db.Employees.AsNoTracking()
            .Where(e => e.IsActive)
            .GroupBy(e => new { e.OrgUnitId, e.JobLevelId, e.EmploymentType })
            .Select(g => new { g.Key.OrgUnitId, g.Key.JobLevelId, g.Key.EmploymentType, Staff = g.Count() })
            .ToListAsync(ct);
        var targets = await db.SkillTargets.AsNoTracking()
            .GroupBy(t => t.JobLevelId)
            .Select(g => new { JobLevelId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(t => t.JobLevelId, t => t.Count, ct);
        var met = await (
                from l in db.EmployeeSkillLevels.AsNoTracking()
                join e in db.Employees on l.EmployeeId equals e.Id
                join t in db.SkillTargets on new { l.SkillId, e.JobLevelId } equals new { t.SkillId, t.JobLevelId }
                where e.IsActive && l.Level >= t.TargetLevel
                group l by new { e.Id, e.OrgUnitId, e.JobLevelId, e.EmploymentType } into g
                select new { g.Key.OrgUnitId, g.Key.JobLevelId, g.Key.EmploymentType, Met = g.Count() })
            .ToListAsync(ct);
        var meeting = met
            .Where(m => targets.TryGetValue(m.JobLevelId, out var count) && m.Met == count)
            .GroupBy(m => new Key(m.OrgUnitId, m.JobLevelId, m.EmploymentType))
            .ToDictionary(g => g.Key, g => g.Count());
        return [.. staff.Select(s =>
        {
            var key = new Key(s.OrgUnitId, s.JobLevelId, s.EmploymentType);
            return (key, s.Staff, targets.GetValueOrDefault(s.JobLevelId) > 0 ? s.Staff : 0, meeting.GetValueOrDefault(key));
        })];
    }

    /// <summary>
    /// Cumulative share complete at each month end, April to March: the person × curriculum rows of
    /// the year whose <c>CompletedOn</c> is on or before the month end, over all rows of the year —
    /// over all curricula too, rows and not people. The database sums the per-unit completion counts
    /// per month (<see cref="CompletionMonthCount"/>); the month ends are added up here.
    /// </summary>
    private async Task<IReadOnlyList<TrendPoint>> TrendAsync(int fiscalYear, string? curriculumCode, DateOnly today, CancellationToken ct)
    {
        var months = await db.CompletionMonthCounts.AsNoTracking()
            .Where(c => c.FiscalYear == fiscalYear && (curriculumCode == null || c.CurriculumCode == curriculumCode))
            .GroupBy(c => c.CompletedMonth)
            .Select(g => new { Month = g.Key, Rows = g.Sum(c => c.Rows) })
            .ToListAsync(ct);
        var total = months.Sum(m => m.Rows);
        var points = new List<TrendPoint>();
        for (var month = Jst.FiscalYearStart(fiscalYear); month <= Jst.FiscalYearEnd(fiscalYear); month = month.AddMonths(1))
        {
            int? done = month > today ? null : months.Where(m => CompletionMonthCount.IsCompletedBy(m.Month, month)).Sum(m => m.Rows);
            points.Add(new TrendPoint(month.Year, month.Month, done, total));
        }
        return points;
    }

    /// <summary>
    /// Per DSS-L area, the active staff whose level in the area (the highest current level among its
    /// skills) is at least 1, 2, 3 and 4 — counted in one grouped query as distinct people per threshold.
    /// </summary>
    private async Task<IReadOnlyList<AreaLevels>> DssLAsync(CancellationToken ct)
    {
        var staff = await db.Employees.CountAsync(e => e.IsActive, ct);
        var categories = await db.SkillCategories.AsNoTracking()
            .Where(c => c.FrameworkCode == DssLFramework)
            .OrderBy(c => c.SortOrder)
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(ct);
        var counts = await (
                from l in db.EmployeeSkillLevels.AsNoTracking()
                join s in db.Skills on l.SkillId equals s.Id
                join c in db.SkillCategories on s.CategoryId equals c.Id
                where c.FrameworkCode == DssLFramework && db.Employees.Any(e => e.Id == l.EmployeeId && e.IsActive)
                group new { l.EmployeeId, l.Level } by c.Id into g
                select new
                {
                    CategoryId = g.Key,
                    L1 = g.Where(x => x.Level >= 1).Select(x => x.EmployeeId).Distinct().Count(),
                    L2 = g.Where(x => x.Level >= 2).Select(x => x.EmployeeId).Distinct().Count(),
                    L3 = g.Where(x => x.Level >= 3).Select(x => x.EmployeeId).Distinct().Count(),
                    L4 = g.Where(x => x.Level >= 4).Select(x => x.EmployeeId).Distinct().Count(),
                })
            .ToDictionaryAsync(x => x.CategoryId, ct);
        return [.. categories.Select(c => counts.TryGetValue(c.Id, out var n)
            ? new AreaLevels(c.Name, staff, [n.L1, n.L2, n.L3, n.L4])
            : new AreaLevels(c.Name, staff, [0, 0, 0, 0]))];
    }

    /// <summary>One person × curriculum of the year: who they are, where, and how far they are.</summary>
    public sealed record PersonProgress(
        string EmployeeNumber, string Name, string OrgUnitCode, string OrgUnit, string JobLevel, EmploymentType EmploymentType,
        string Curriculum, int Required, int Completed, DateOnly? EarliestOpenDue, DateOnly? CompletedOn);

    /// <summary>
    /// Everyone's progress of <paramref name="fiscalYear"/> (one curriculum, or all), read from the
    /// summaries as a stream in 所属 and 職員番号 order: 100,000 people are written out as they are
    /// read, never held in memory. Curriculum names are looked up once, before the first row.
    /// </summary>
    public async IAsyncEnumerable<PersonProgress> PeopleAsync(int fiscalYear, string? curriculumCode, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var names = await curriculumNames.AllAsync(ct);
        var rows = db.ProgressSummaries.AsNoTracking()
            .Where(s => s.FiscalYear == fiscalYear && s.RequiredCount > 0 && (curriculumCode == null || s.CurriculumCode == curriculumCode))
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new { s, e })
            .Join(db.OrgUnits, x => x.s.OrgUnitId, u => u.Id, (x, u) => new { x.s, x.e, u })
            .Join(db.JobLevels, x => x.s.JobLevelId, j => j.Id, (x, j) => new { x.s, x.e, x.u, j })
            .OrderBy(x => x.u.Path).ThenBy(x => x.e.EmployeeNumber).ThenBy(x => x.s.CurriculumCode)
            .Select(x => new
            {
                x.e.EmployeeNumber, x.e.Name, UnitCode = x.u.Code, Unit = x.u.Name, JobLevel = x.j.Name, x.s.EmploymentType,
                x.s.CurriculumCode, x.s.RequiredCount, x.s.CompletedCount, x.s.EarliestOpenDueDate, x.s.CompletedOn,
            })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            yield return new PersonProgress(r.EmployeeNumber, r.Name, r.UnitCode, r.Unit, r.JobLevel, r.EmploymentType,
                names.GetValueOrDefault(r.CurriculumCode, r.CurriculumCode), r.RequiredCount, r.CompletedCount, r.EarliestOpenDueDate, r.CompletedOn);
        }
    }
}
