using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Builders;

/// <summary>
/// A small organisation of its own for one test (unique codes, so tests sharing a database never see
/// each other's people): 部 with 課A (係A1, 係A2) and 課B. People, 所属長, leave and curriculum
/// enrollments in known states are added with the methods below; the report summaries follow by
/// themselves (the save interceptor), exactly as in the app.
/// <code>
/// var org = await TeamBuilder.CreateAsync(app);
/// var p = await org.AddEmployeeAsync(org.TeamA1, "kakariin", "一郎");
/// await org.Enroll(p, "meguro-dx-basics", "dx").DueInDays(-5).SaveAsync();
/// </code>
/// </summary>
public sealed class TeamBuilder
{
    /// <summary>Employee numbers handed out in order (600000…), so two people of one test run never share one.</summary>
    private static int _lastNumber = 600000;

    private readonly AppFixture _app;

    private TeamBuilder(AppFixture app) => _app = app;

    public string Code { get; } = "M" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    public int Department { get; private set; }
    public int SectionA { get; private set; }
    public int TeamA1 { get; private set; }
    public int TeamA2 { get; private set; }
    public int SectionB { get; private set; }

    /// <summary>Today in JST, as the pages see it.</summary>
    public static DateOnly Today => Jst.Today(TimeProvider.System);

    /// <summary>A curriculum code unique to this organisation.</summary>
    public string Curriculum(string suffix) => Code.ToLowerInvariant() + "-" + suffix;

    public static async Task<TeamBuilder> CreateAsync(AppFixture app)
    {
        var builder = new TeamBuilder(app);
        await app.WithDbAsync(async db =>
        {
            var dept = new OrgUnit(builder.Code, "試験" + builder.Code + "部", OrgUnitKind.Department, null);
            var a = new OrgUnit(builder.Code + "-A", "試験A課", OrgUnitKind.Section, dept);
            var a1 = new OrgUnit(builder.Code + "-A-1", "試験A1係", OrgUnitKind.Team, a);
            var a2 = new OrgUnit(builder.Code + "-A-2", "試験A2係", OrgUnitKind.Team, a);
            var b = new OrgUnit(builder.Code + "-B", "試験B課", OrgUnitKind.Section, dept);
            db.OrgUnits.AddRange(dept, a, a1, a2, b);
            await db.SaveChangesAsync();
            (builder.Department, builder.SectionA, builder.TeamA1, builder.TeamA2, builder.SectionB) = (dept.Id, a.Id, a1.Id, a2.Id, b.Id);
            return 0;
        });
        return builder;
    }

    public Task<int> AddEmployeeAsync(int unitId, string jobLevel, string givenName) =>
        _app.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.Id == unitId);
            var level = await db.JobLevels.SingleAsync(l => l.Code == jobLevel);
            var number = Interlocked.Increment(ref _lastNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var employee = new Employee(new EmployeeProfile(number, $"{Code}　{givenName}", "シケン　" + givenName, $"{number}@example.jp", unit, level,
                EmploymentType.Regular, null, new DateOnly(2020, 4, 1)));
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            return employee.Id;
        });

    /// <summary>Makes the employee the 所属長 of the unit.</summary>
    public Task HeadsAsync(int employeeId, int unitId) =>
        _app.WithDbAsync(async db =>
        {
            db.ManagerAssignments.Add(new ManagerAssignment(await db.Employees.SingleAsync(e => e.Id == employeeId), await db.OrgUnits.SingleAsync(u => u.Id == unitId)));
            return await db.SaveChangesAsync();
        });

    /// <summary>On leave from <paramref name="daysAgo"/> days ago, with no end date yet.</summary>
    public Task OnLeaveAsync(int employeeId, LeaveKind kind, int daysAgo) =>
        _app.WithDbAsync(async db =>
        {
            db.EmployeeLeaves.Add(new EmployeeLeave(employeeId, new LeavePeriod(kind, Today.AddDays(-daysAgo), null), LeaveSource.HR, "test", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

    public EnrollmentBuilder Enroll(int employeeId, string courseSlug, string curriculumSuffix) => new(_app, employeeId, courseSlug, Curriculum(curriculumSuffix));

    /// <summary>One curriculum enrollment this fiscal year; open and due in 30 days unless told otherwise.</summary>
    public sealed class EnrollmentBuilder(AppFixture app, int employeeId, string courseSlug, string curriculumCode)
    {
        private int _dueInDays = 30;
        private EnrollmentStatus _status = EnrollmentStatus.Active;

        /// <summary>Due this many days from today (negative: already overdue).</summary>
        public EnrollmentBuilder DueInDays(int days)
        {
            _dueInDays = days;
            return this;
        }

        public EnrollmentBuilder Completed()
        {
            _status = EnrollmentStatus.Completed;
            return this;
        }

        public EnrollmentBuilder Exempted()
        {
            _status = EnrollmentStatus.Exempt;
            return this;
        }

        public Task<int> SaveAsync() => app.WithDbAsync(async db =>
        {
            var employee = await db.Employees.SingleAsync(e => e.Id == employeeId);
            var courseId = await db.Courses.Where(c => c.Slug == courseSlug).Select(c => c.Id).SingleAsync();
            var now = DateTime.UtcNow;
            var enrollment = Enrollment.AssignFromCurriculum(employee, courseId, curriculumCode, 0, now, Today.AddDays(_dueInDays));
            if (_status == EnrollmentStatus.Completed)
            {
                enrollment.Complete(now);
            }
            else if (_status == EnrollmentStatus.Exempt)
            {
                enrollment.Exempt("育児休業のため", "test", now);
            }
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return enrollment.Id;
        });
    }
}
