using Meguro.Learning.Data;
using Meguro.Learning.Data.Reporting;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Pages.Reports;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Reporting;

/// <summary>
/// The city report's rollups (<see cref="ProgressRollup"/>, <see cref="CompletionMonthCount"/>) follow
/// the summaries by themselves — after completion, a move to another unit, a change of job level or
/// employment type, leaving — on both databases. Each step checks the rows against the same figures
/// counted straight from <c>ProgressSummaries</c> (the queries the city report ran before the rollups),
/// and the city report's own figures where they must move.
/// </summary>
public abstract partial class ReportSummariesTests<TApp>
{
    private sealed record Cell(int FiscalYear, string CurriculumCode, int OrgUnitId, int JobLevelId, EmploymentType EmploymentType,
        int People, int Complete, int Required, int Completed);

    private sealed record MonthCell(int FiscalYear, string CurriculumCode, int OrgUnitId, int Month, int Rows);

    private static int Year => Jst.FiscalYear(Jst.Today(TimeProvider.System));

    [Fact]
    public async Task Completion_moves_and_leaving_change_the_rollups_and_the_city_report()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var hanako = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var taro = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var first = await roster.AddCurriculumAsync("ra", Courses, "daysAfterAssignment: 30");
        var second = await roster.AddCurriculumAsync("rb", "  - course: information-security\n", "daysAfterAssignment: 30");
        await AssignAsync(first);
        await AssignAsync(second);
        var (sectionA, sectionB) = (await UnitIdAsync(roster.SectionA), await UnitIdAsync(roster.SectionB));
        var kakariin = await JobLevelIdAsync("kakariin");
        await AssertRollupsMatchSummariesAsync();
        // Two people, two curricula each: 6 required courses, nothing done.
        Assert.Equal((2, 0, 6, 0), await RollupAsync(sectionA, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        var before = await ReportAsync(null);
        var beforeFirst = await ReportAsync(first);

        // Hanako finishes the first curriculum: complete there, not yet over all curricula.
        await CompleteAsync(hanako, "meguro-dx-basics");
        await CompleteAsync(hanako, "personal-information");
        await AssertRollupsMatchSummariesAsync();
        Assert.Equal((2, 1, 4, 2), await RollupAsync(sectionA, first, kakariin, EmploymentType.Regular));
        Assert.Equal((2, 0, 6, 2), await RollupAsync(sectionA, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        var report = await ReportAsync(first);
        Assert.Equal(1, report.ByCurriculum.Single(c => c.Code == first).Figures.Complete);
        // The trend's current month counts hanako's row of the first curriculum, and only in that view.
        Assert.Equal(CurrentMonth(beforeFirst).Completed + 1, CurrentMonth(report).Completed);
        Assert.Equal(beforeFirst.Trend[0].Total, report.Trend[0].Total);
        var all = await ReportAsync(null);
        Assert.Equal(before.Total.Completed + 2, all.Total.Completed);
        Assert.Equal(before.Total.Complete, all.Total.Complete);
        Assert.Equal(CurrentMonth(before).Completed + 1, CurrentMonth(all).Completed);

        // ... and the second: now complete over all curricula too, and both of her rows count in the trend.
        await CompleteAsync(hanako, "information-security");
        await AssertRollupsMatchSummariesAsync();
        Assert.Equal((2, 1, 6, 3), await RollupAsync(sectionA, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        all = await ReportAsync(null);
        Assert.Equal(before.Total.Complete + 1, all.Total.Complete);
        Assert.Equal(CurrentMonth(before).Completed + 2, CurrentMonth(all).Completed);

        // Taro moves to the other 課: he leaves A's group and forms one in B.
        await ChangeAsync(taro, unit: roster.SectionB);
        await AssertRollupsMatchSummariesAsync();
        Assert.Equal((1, 1, 3, 3), await RollupAsync(sectionA, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        Assert.Equal((1, 0, 3, 0), await RollupAsync(sectionB, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        Assert.Equal(0, await MonthRowsAsync(sectionA, first, CompletionMonthCount.NotCompleted));
        Assert.Equal(1, await MonthRowsAsync(sectionB, first, CompletionMonthCount.NotCompleted));

        // Then becomes 主任, and 再任用, in the same unit: the 係員 正規 group of B empties and goes.
        var shunin = await JobLevelIdAsync("shunin");
        await ChangeAsync(taro, jobLevel: "shunin");
        await AssertRollupsMatchSummariesAsync();
        Assert.Null(await RollupAsync(sectionB, ProgressRollup.AllCurricula, kakariin, EmploymentType.Regular));
        Assert.Equal((1, 0, 3, 0), await RollupAsync(sectionB, ProgressRollup.AllCurricula, shunin, EmploymentType.Regular));
        await ChangeAsync(taro, type: EmploymentType.Reappointed);
        await AssertRollupsMatchSummariesAsync();
        Assert.Null(await RollupAsync(sectionB, first, shunin, EmploymentType.Regular));
        Assert.Equal((1, 0, 2, 0), await RollupAsync(sectionB, first, shunin, EmploymentType.Reappointed));
        var byType = (await ReportAsync(null)).ByEmploymentType;
        Assert.Contains(byType, g => g.Labels[0] == EmploymentType.Reappointed.ToJapanese() && g.Figures.People >= 1);

        // Leaving removes every row of his.
        await app.WithDbAsync(async db =>
        {
            (await db.Employees.SingleAsync(e => e.Id == taro)).Deactivate(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        await AssertRollupsMatchSummariesAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.ProgressRollups.CountAsync(r => r.OrgUnitId == sectionB)));
        Assert.Equal(0, await app.WithDbAsync(db => db.CompletionMonthCounts.CountAsync(r => r.OrgUnitId == sectionB)));
        all = await ReportAsync(null);
        Assert.Equal(before.Total.People - 1, all.Total.People);
    }

    [Fact]
    public async Task The_rebuild_refills_emptied_rollups_with_the_same_rows_and_an_upgraded_database_asks_for_it()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var hanako = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        await roster.AddEmployeeAsync(roster.SectionA, "shunin", EmploymentType.Reappointed);
        await roster.AddEmployeeAsync(roster.SectionB, "kakariin");
        var code = await roster.AddCurriculumAsync("rollup-rebuild", Courses, "daysAfterAssignment: 30");
        await AssignAsync(code);
        await CompleteAsync(hanako, "personal-information");
        await AssertRollupsMatchSummariesAsync();
        var rollups = await RollupsAsync();
        var months = await MonthsAsync();
        Assert.NotEmpty(rollups);
        Assert.False(await WithSummariesAsync(s => s.NeedsFirstBuildAsync()));

        // As a database migrated from before the rollups: summaries, no rollups.
        await app.WithDbAsync(async db => await db.ProgressRollups.ExecuteDeleteAsync() + await db.CompletionMonthCounts.ExecuteDeleteAsync());
        Assert.True(await WithSummariesAsync(s => s.NeedsFirstBuildAsync()));

        await WithSummariesAsync(s => s.RebuildAllAsync());

        Assert.Equal(rollups, await RollupsAsync());
        Assert.Equal(months, await MonthsAsync());
        Assert.False(await WithSummariesAsync(s => s.NeedsFirstBuildAsync()));
    }

    /// <summary>Every rollup row equals the figures counted from the summary rows, and there is no other row.</summary>
    private async Task AssertRollupsMatchSummariesAsync()
    {
        var expected = await app.WithDbAsync(async db =>
        {
            var rows = db.ProgressSummaries.AsNoTracking().Where(s => s.RequiredCount > 0);
            var perCurriculum = await rows
                .GroupBy(s => new { s.FiscalYear, s.CurriculumCode, s.OrgUnitId, s.JobLevelId, s.EmploymentType })
                .Select(g => new Cell(g.Key.FiscalYear, g.Key.CurriculumCode, g.Key.OrgUnitId, g.Key.JobLevelId, g.Key.EmploymentType,
                    g.Count(), g.Count(s => s.CompletedCount == s.RequiredCount), g.Sum(s => s.RequiredCount), g.Sum(s => s.CompletedCount)))
                .ToListAsync();
            var all = (await rows.Select(s => new { s.FiscalYear, s.OrgUnitId, s.JobLevelId, s.EmploymentType, s.EmployeeId, s.RequiredCount, s.CompletedCount }).ToListAsync())
                .GroupBy(s => new { s.FiscalYear, s.OrgUnitId, s.JobLevelId, s.EmploymentType })
                .Select(g => new Cell(g.Key.FiscalYear, "", g.Key.OrgUnitId, g.Key.JobLevelId, g.Key.EmploymentType,
                    g.Select(s => s.EmployeeId).Distinct().Count(),
                    g.Select(s => s.EmployeeId).Distinct().Count() - g.Where(s => s.CompletedCount < s.RequiredCount).Select(s => s.EmployeeId).Distinct().Count(),
                    g.Sum(s => s.RequiredCount), g.Sum(s => s.CompletedCount)));
            return Sorted(perCurriculum.Concat(all));
        });
        Assert.Equal(expected, await RollupsAsync());

        var expectedMonths = await app.WithDbAsync(async db =>
            (await db.ProgressSummaries.AsNoTracking().Where(s => s.RequiredCount > 0)
                .Select(s => new { s.FiscalYear, s.CurriculumCode, s.OrgUnitId, s.CompletedOn }).ToListAsync())
            .GroupBy(s => new { s.FiscalYear, s.CurriculumCode, s.OrgUnitId, Month = s.CompletedOn is { } d ? (d.Year * 100) + d.Month : 0 })
            .Select(g => new MonthCell(g.Key.FiscalYear, g.Key.CurriculumCode, g.Key.OrgUnitId, g.Key.Month, g.Count()))
            .OrderBy(c => c.FiscalYear).ThenBy(c => c.CurriculumCode, StringComparer.Ordinal).ThenBy(c => c.OrgUnitId).ThenBy(c => c.Month)
            .ToList());
        Assert.Equal(expectedMonths, await MonthsAsync());
    }

    private static List<Cell> Sorted(IEnumerable<Cell> cells) =>
        [.. cells.OrderBy(c => c.FiscalYear).ThenBy(c => c.CurriculumCode, StringComparer.Ordinal).ThenBy(c => c.OrgUnitId)
            .ThenBy(c => c.JobLevelId).ThenBy(c => c.EmploymentType)];

    private Task<List<Cell>> RollupsAsync() => app.WithDbAsync(async db => Sorted(await db.ProgressRollups.AsNoTracking()
        .Select(r => new Cell(r.FiscalYear, r.CurriculumCode, r.OrgUnitId, r.JobLevelId, r.EmploymentType, r.People, r.Complete, r.Required, r.Completed))
        .ToListAsync()));

    private Task<List<MonthCell>> MonthsAsync() => app.WithDbAsync(async db => (await db.CompletionMonthCounts.AsNoTracking()
            .Select(c => new MonthCell(c.FiscalYear, c.CurriculumCode, c.OrgUnitId, c.CompletedMonth, c.Rows))
            .ToListAsync())
        .OrderBy(c => c.FiscalYear).ThenBy(c => c.CurriculumCode, StringComparer.Ordinal).ThenBy(c => c.OrgUnitId).ThenBy(c => c.Month)
        .ToList());

    private Task<(int People, int Complete, int Required, int Completed)?> RollupAsync(int unitId, string code, int jobLevelId, EmploymentType type) =>
        app.WithDbAsync(async db => await db.ProgressRollups.AsNoTracking()
            .Where(r => r.FiscalYear == Year && r.OrgUnitId == unitId && r.CurriculumCode == code && r.JobLevelId == jobLevelId && r.EmploymentType == type)
            .Select(r => new { r.People, r.Complete, r.Required, r.Completed })
            .SingleOrDefaultAsync() is { } r ? (r.People, r.Complete, r.Required, r.Completed) : ((int, int, int, int)?)null);

    private Task<int> MonthRowsAsync(int unitId, string code, int month) => app.WithDbAsync(db => db.CompletionMonthCounts.AsNoTracking()
        .Where(c => c.FiscalYear == Year && c.OrgUnitId == unitId && c.CurriculumCode == code && c.CompletedMonth == month)
        .SumAsync(c => c.Rows));

    /// <summary>The city report of this fiscal year, over one curriculum or all.</summary>
    private async Task<CityReportQuery.Result> ReportAsync(string? code)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CityReportQuery>().RunAsync(Year, code, CancellationToken.None);
    }

    private static CityReportQuery.TrendPoint CurrentMonth(CityReportQuery.Result report)
    {
        var today = Jst.Today(TimeProvider.System);
        return report.Trend.Single(p => p.Year == today.Year && p.Month == today.Month);
    }

    private async Task<T> WithSummariesAsync<T>(Func<ReportSummaries, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReportSummaries>());
    }

    private Task<int> UnitIdAsync(string code) => app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private Task<int> JobLevelIdAsync(string code) => app.WithDbAsync(db => db.JobLevels.Where(l => l.Code == code).Select(l => l.Id).SingleAsync());

    private Task ChangeAsync(int employeeId, string? unit = null, string? jobLevel = null, EmploymentType? type = null) => app.WithDbAsync(async db =>
    {
        var employee = await db.Employees.Include(e => e.OrgUnit).Include(e => e.JobLevel).SingleAsync(e => e.Id == employeeId);
        var orgUnit = unit is null ? employee.OrgUnit : await db.OrgUnits.SingleAsync(u => u.Code == unit);
        var level = jobLevel is null ? employee.JobLevel : await db.JobLevels.SingleAsync(l => l.Code == jobLevel);
        employee.UpdateFromRoster(new EmployeeProfile(employee.EmployeeNumber, employee.Name, employee.Kana, employee.Email, orgUnit, level,
            type ?? employee.EmploymentType, employee.AppointmentEndDate, employee.HiredOn));
        return await db.SaveChangesAsync();
    });
}
