using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Jobs.Reporting;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Reporting;

/// <summary>
/// The report summaries follow the enrollments by themselves — after assignment, completion,
/// transfer, leaving — on both databases, also when several people of one unit finish at once,
/// and the nightly rebuild puts back whatever went wrong behind the interceptor's back.
/// </summary>
public abstract partial class ReportSummariesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Courses = "  - course: meguro-dx-basics\n  - course: personal-information\n";

    private sealed record UnitFigures(int Employees, int Complete, int Required, int Completed);

    [Fact]
    public async Task Assignment_completion_transfer_and_leaving_are_reflected_in_the_person_and_unit_rows()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var hanako = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var taro = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var code = await roster.AddCurriculumAsync("sum", Courses, "daysAfterAssignment: 30");
        await AssignAsync(code);

        Assert.Equal(new UnitFigures(2, 0, 4, 0), await UnitAsync(roster.SectionA, code));
        var (required, completed, due) = await PersonAsync(hanako, code);
        Assert.Equal((2, 0), (required, completed));
        Assert.NotNull(due);

        await CompleteAsync(hanako, "meguro-dx-basics");
        var person = await PersonAsync(hanako, code);
        Assert.Equal((2, 1), (person.Required, person.Completed));
        Assert.Equal(new UnitFigures(2, 0, 4, 1), await UnitAsync(roster.SectionA, code));

        await CompleteAsync(hanako, "personal-information");
        Assert.Equal(new UnitFigures(2, 1, 4, 2), await UnitAsync(roster.SectionA, code));
        Assert.Null((await PersonAsync(hanako, code)).Due);

        await ChangeAsync(taro, unit: roster.SectionB);
        Assert.Equal(new UnitFigures(1, 1, 2, 2), await UnitAsync(roster.SectionA, code));
        Assert.Equal(new UnitFigures(1, 0, 2, 0), await UnitAsync(roster.SectionB, code));

        await app.WithDbAsync(async db =>
        {
            (await db.Employees.SingleAsync(e => e.Id == taro)).Deactivate(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Null(await UnitAsync(roster.SectionB, code));
        Assert.Equal(0, await app.WithDbAsync(db => db.ProgressSummaries.CountAsync(s => s.EmployeeId == taro)));
    }

    [Fact]
    public async Task Two_people_of_one_unit_finishing_while_the_other_transaction_is_open_are_both_counted()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var first = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var second = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var code = await roster.AddCurriculumAsync("race", Courses, "daysAfterAssignment: 30");
        await AssignAsync(code);

        // The first completion is saved (and its summary refreshed) inside a transaction that stays
        // open while the second person finishes: the second refresh must wait for it and then count
        // both, not overwrite the unit's row with a figure that misses the first.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Meguro.Learning.Data.LearningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var enrollment = await db.Enrollments.SingleAsync(e => e.EmployeeId == first && db.Courses.Any(c => c.Id == e.CourseId && c.Slug == "meguro-dx-basics"));
            enrollment.Complete(DateTime.UtcNow);
            await db.SaveChangesAsync();
            var other = Task.Run(() => CompleteAsync(second, "meguro-dx-basics"));
            // Lets the other save reach the point where it waits for this transaction.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await transaction.CommitAsync();
            await other;
        }

        Assert.Equal(new UnitFigures(2, 0, 4, 2), await UnitAsync(roster.SectionA, code));
    }

    [Fact]
    public async Task The_rebuild_restores_summaries_changed_behind_its_back_and_a_second_rebuild_changes_nothing()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var hanako = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var code = await roster.AddCurriculumAsync("rebuild", Courses, "daysAfterAssignment: 30");
        await AssignAsync(code);
        await CompleteAsync(hanako, "personal-information");
        var unitId = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == roster.SectionA).Select(u => u.Id).SingleAsync());

        // Bulk updates bypass the change tracker, as a crash between a save and its refresh would.
        await app.WithDbAsync(async db =>
        {
            await db.ProgressSummaries.Where(s => s.EmployeeId == hanako).ExecuteUpdateAsync(s => s.SetProperty(x => x.CompletedCount, 0));
            await db.OrgUnitProgressSummaries.Where(u => u.OrgUnitId == unitId).ExecuteDeleteAsync();
            return 0;
        });

        await WithJobAsync(job => job.RunAsync());

        var person = await PersonAsync(hanako, code);
        Assert.Equal((2, 1), (person.Required, person.Completed));
        Assert.Equal(new UnitFigures(1, 0, 2, 1), await UnitAsync(roster.SectionA, code));
        var before = await app.WithDbAsync(db => db.ProgressSummaries.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.CompletedCount }).ToListAsync());
        await WithJobAsync(job => job.RunAsync());
        var after = await app.WithDbAsync(db => db.ProgressSummaries.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.CompletedCount }).ToListAsync());
        Assert.Equal(before, after);
    }

    private async Task AssignAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AssignmentEngine>().RunAsync(new AssignmentScope(code), "test", "試験", CancellationToken.None);
    }

    private async Task WithJobAsync(Func<SummaryRebuildJob, Task> work)
    {
        using var scope = app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<SummaryRebuildJob>());
    }

    private Task CompleteAsync(int employeeId, string slug) => app.WithDbAsync(async db =>
    {
        var enrollment = await db.Enrollments.SingleAsync(e => e.EmployeeId == employeeId && db.Courses.Any(c => c.Id == e.CourseId && c.Slug == slug));
        enrollment.Complete(DateTime.UtcNow);
        return await db.SaveChangesAsync();
    });

    private Task<(int Required, int Completed, DateOnly? Due)> PersonAsync(int employeeId, string code) => app.WithDbAsync(async db =>
    {
        var row = await db.ProgressSummaries.AsNoTracking().SingleAsync(s => s.EmployeeId == employeeId && s.CurriculumCode == code);
        return (row.RequiredCount, row.CompletedCount, row.EarliestOpenDueDate);
    });

    private Task<UnitFigures?> UnitAsync(string unitCode, string code) => app.WithDbAsync(db =>
        db.OrgUnitProgressSummaries.AsNoTracking()
            .Where(u => u.CurriculumCode == code && db.OrgUnits.Any(o => o.Id == u.OrgUnitId && o.Code == unitCode))
            .Select(u => new UnitFigures(u.EmployeeCount, u.CompleteEmployeeCount, u.RequiredCount, u.CompletedCount))
            .SingleOrDefaultAsync());
}

public sealed class ReportSummariesTestsOnSqlite(SqliteApp app) : ReportSummariesTests<SqliteApp>(app);

public sealed class ReportSummariesTestsOnPostgres(PostgresApp app) : ReportSummariesTests<PostgresApp>(app);
