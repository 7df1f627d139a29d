using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>The engine on a real database with a roster of a few people and a clock the test sets.</summary>
public abstract class AssignmentEngineTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 1, 1, 0, 0, TimeSpan.Zero);
    private const string Security = "  - course: information-security\n    yearly: true\n";
    private const string Basics = "  - course: meguro-dx-basics\n  - course: generative-ai\n    required: false\n";
    private const string Leaders = "  - course: service-design\n";

    [Fact]
    public async Task New_matches_get_required_courses_with_due_dates_capped_and_shifted_and_a_rerun_changes_nothing()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var regular = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var fixedTerm = await roster.AddEmployeeAsync(roster.SectionA, "kakariin", EmploymentType.FiscalYearAppointed, new DateOnly(2026, 5, 20));
        var onLeave = await roster.AddEmployeeAsync(roster.SectionB, "kakariin");
        await app.WithDbAsync(db =>
        {
            db.EmployeeLeaves.Add(new EmployeeLeave(onLeave, new LeavePeriod(LeaveKind.ChildcareLeave, new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 20)), LeaveSource.HR, "hr", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        var code = await roster.AddCurriculumAsync("basic", Basics, "daysAfterAssignment: 30");
        var fiscal = await roster.AddCurriculumAsync("fy", Security, "fixedDate: 03-31");

        var first = await RunAsync(May2026, code);
        await RunAsync(May2026, fiscal);
        var second = await RunAsync(May2026.AddHours(1), code);
        var secondFiscal = await RunAsync(May2026.AddHours(1), fiscal);

        Assert.Equal(3, first.Assigned);
        var rows = await EnrollmentsAsync(regular, fixedTerm, onLeave);
        Assert.DoesNotContain(rows, r => r.Slug == "generative-ai");
        Assert.Equal(new DateOnly(2026, 5, 31), rows.Single(r => r.EmployeeId == regular && r.Slug == "meguro-dx-basics").DueDate);
        Assert.Equal(new DateOnly(2026, 5, 20), rows.Single(r => r.EmployeeId == fixedTerm && r.Slug == "meguro-dx-basics").DueDate);
        Assert.Equal(new DateOnly(2026, 6, 10), rows.Single(r => r.EmployeeId == onLeave && r.Slug == "meguro-dx-basics").DueDate);
        Assert.Equal(new DateOnly(2027, 3, 31), rows.Single(r => r.EmployeeId == regular && r.Slug == "information-security").DueDate);
        Assert.Equal(2026, rows.Single(r => r.EmployeeId == regular && r.Slug == "information-security").Cycle);
        Assert.Equal(new AssignmentResult(0, 0, 0, 0), second);
        Assert.Equal(new AssignmentResult(0, 0, 0, 0), secondFiscal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AssignmentEngine.AuditAction && a.Details.Contains("新規割当 3 件"))));
    }

    [Fact]
    public async Task Promotion_adds_leader_courses_and_a_transfer_out_marks_them_not_required_keeping_progress_and_completions()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var leaders = await roster.AddCurriculumAsync("leaders", Leaders + "  - course: data-literacy\n", "fixedDate: 03-31", "  minJobLevel: kakaricho\n", roster.SectionA);
        Assert.Equal(0, (await RunAsync(May2026, leaders)).Assigned);

        await ChangeAsync(person, "kakaricho", roster.SectionA);
        Assert.Equal(2, (await RunAsync(May2026, leaders)).Assigned);
        await app.WithDbAsync(async db =>
        {
            var done = await db.Enrollments.SingleAsync(e => e.EmployeeId == person && db.Courses.Any(c => c.Id == e.CourseId && c.Slug == "data-literacy"));
            done.Complete(DateTime.UtcNow);
            var started = await db.Enrollments.SingleAsync(e => e.EmployeeId == person && db.Courses.Any(c => c.Id == e.CourseId && c.Slug == "service-design"));
            started.MarkLessonDone("intro", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        await ChangeAsync(person, "kakaricho", roster.SectionB);
        var transfer = await RunAsync(May2026.AddDays(1), leaders);

        Assert.Equal(1, transfer.MarkedNotRequired);
        var rows = await EnrollmentsAsync(person);
        Assert.Equal(EnrollmentStatus.NotRequired, rows.Single(r => r.Slug == "service-design").Status);
        Assert.Equal(1, rows.Single(r => r.Slug == "service-design").Progress);
        Assert.Equal(EnrollmentStatus.Completed, rows.Single(r => r.Slug == "data-literacy").Status);
    }

    [Fact]
    public async Task A_yearly_course_is_assigned_again_in_the_next_fiscal_year_and_leave_moves_a_due_date()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "shunin");
        var fiscal = await roster.AddCurriculumAsync("yearly", Security, "daysAfterAssignment: 60");
        await RunAsync(May2026, fiscal);
        await app.WithDbAsync(async db =>
        {
            (await db.Enrollments.SingleAsync(e => e.EmployeeId == person)).Complete(DateTime.UtcNow);
            db.EmployeeLeaves.Add(new EmployeeLeave(person, new LeavePeriod(LeaveKind.LeaveOfAbsence, new DateOnly(2027, 4, 10), new DateOnly(2027, 4, 19)), LeaveSource.HR, "hr", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        var nextYear = await RunAsync(new DateTimeOffset(2027, 4, 1, 1, 0, 0, TimeSpan.Zero), fiscal);

        Assert.Equal(1, nextYear.Assigned);
        var rows = await EnrollmentsAsync(person);
        Assert.Equal([2026, 2027], rows.Select(r => r.Cycle).Order());
        Assert.Equal(new DateOnly(2027, 6, 10), rows.Single(r => r.Cycle == 2027).DueDate);
    }

    private async Task<AssignmentResult> RunAsync(DateTimeOffset now, string? curriculum)
    {
        using var scope = app.Services.CreateScope();
        var engine = ActivatorUtilities.CreateInstance<AssignmentEngine>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(now));
        return await engine.RunAsync(new AssignmentScope(curriculum), "test", "試験", CancellationToken.None);
    }

    private Task ChangeAsync(int employeeId, string jobLevel, string section) => app.WithDbAsync(async db =>
    {
        var e = await db.Employees.Include(x => x.OrgUnit).Include(x => x.JobLevel).SingleAsync(x => x.Id == employeeId);
        var unit = await db.OrgUnits.SingleAsync(u => u.Code == section);
        var level = await db.JobLevels.SingleAsync(l => l.Code == jobLevel);
        e.UpdateFromRoster(new EmployeeProfile(e.EmployeeNumber, e.Name, e.Kana, e.Email, unit, level, e.EmploymentType, e.AppointmentEndDate, e.HiredOn));
        return await db.SaveChangesAsync();
    });

    private sealed record Row(int EmployeeId, string Slug, int Cycle, DateOnly? DueDate, EnrollmentStatus Status, int Progress);

    private Task<List<Row>> EnrollmentsAsync(params int[] employees) => app.WithDbAsync(db => db.Enrollments
        .Where(e => employees.Contains(e.EmployeeId))
        .Select(e => new Row(e.EmployeeId, db.Courses.Where(c => c.Id == e.CourseId).Select(c => c.Slug).First(), e.Cycle, e.DueDate, e.Status, e.Progress.Count))
        .ToListAsync());
}

public sealed class AssignmentEngineTestsOnSqlite(SqliteApp app) : AssignmentEngineTests<SqliteApp>(app);

public sealed class AssignmentEngineTestsOnPostgres(PostgresApp app) : AssignmentEngineTests<PostgresApp>(app);
