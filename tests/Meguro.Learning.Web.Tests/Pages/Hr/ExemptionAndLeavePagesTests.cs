using System.Globalization;
using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>
/// /hr/exemptions and /hr/leave over HTTP: what HR changes, what the learner's enrollments then
/// say, the audit trail, who is kept out, and forged posts that change nothing.
/// </summary>
public abstract class ExemptionAndLeavePagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly DateOnly Today = Jst.Today(TimeProvider.System);

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task HR_exempts_a_person_from_a_course_with_a_reason_audited_and_cancels_it()
    {
        var (number, enrollmentId) = await PersonWithEnrollmentAsync();
        var (hr, hrName) = await SignInAsHrAsync();
        var url = $"/hr/exemptions?Number={number}";

        var exempted = await AppFixture.PostFormAsync(hr, url, $"/hr/exemptions?handler=Exempt&Number={number}",
            new Dictionary<string, string> { ["enrollmentId"] = enrollmentId.ToString(CultureInfo.InvariantCulture), ["reason"] = "長期の派遣研修のため" });

        Assert.Equal(HttpStatusCode.Redirect, exempted.StatusCode);
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync(exempted.Headers.Location!.OriginalString));
        Assert.Contains("変更しました。", page, StringComparison.Ordinal);
        Assert.Contains("免除 長期の派遣研修のため", page, StringComparison.Ordinal);
        Assert.Equal((EnrollmentStatus.Exempt, "長期の派遣研修のため"), await StatusAsync(enrollmentId));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "受講の免除" && a.Target == $"{number} personal-information").ToListAsync());
        Assert.Equal(hrName, Assert.Single(audit).Actor);
        Assert.Equal("免除（理由: 長期の派遣研修のため）", audit[0].Details);

        var cancelled = await AppFixture.PostFormAsync(hr, url, $"/hr/exemptions?handler=Cancel&Number={number}",
            new Dictionary<string, string> { ["enrollmentId"] = enrollmentId.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("受講中", WebUtility.HtmlDecode(await hr.GetStringAsync(url)), StringComparison.Ordinal);
        Assert.Equal(EnrollmentStatus.Active, (await StatusAsync(enrollmentId)).Status);
        Assert.Equal(["免除（理由: 長期の派遣研修のため）", "免除の取消し"],
            await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "受講の免除" && a.Target == $"{number} personal-information")
                .OrderBy(a => a.Id).Select(a => a.Details).ToListAsync()));
    }

    [Fact]
    public async Task An_exemption_without_a_reason_is_refused_in_Japanese_and_changes_nothing()
    {
        var (number, enrollmentId) = await PersonWithEnrollmentAsync();
        var (hr, _) = await SignInAsHrAsync();

        var response = await AppFixture.PostFormAsync(hr, $"/hr/exemptions?Number={number}", $"/hr/exemptions?handler=Exempt&Number={number}",
            new Dictionary<string, string> { ["enrollmentId"] = enrollmentId.ToString(CultureInfo.InvariantCulture), ["reason"] = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("免除の理由を入力してください。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(EnrollmentStatus.Active, (await StatusAsync(enrollmentId)).Status);
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Manager)]
    public async Task Learners_and_managers_may_neither_open_nor_post_the_exemption_and_leave_pages(string role)
    {
        var (number, enrollmentId) = await PersonWithEnrollmentAsync();
        using var client = await app.RunAsUserAsync(role);
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hr/exemptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hr/leave")).StatusCode);
        // A valid token, from a form page they may open.
        var exempt = await AppFixture.PostFormAsync(client, "/account/password", $"/hr/exemptions?handler=Exempt&Number={number}",
            new Dictionary<string, string> { ["enrollmentId"] = enrollmentId.ToString(CultureInfo.InvariantCulture), ["reason"] = "不正" });
        var leave = await AppFixture.PostFormAsync(client, "/account/password", "/hr/leave?handler=Add",
            new Dictionary<string, string> { ["number"] = number, ["kind"] = "LeaveOfAbsence", ["start"] = D(Today) });

        Assert.Equal(HttpStatusCode.Forbidden, exempt.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leave.StatusCode);
        Assert.Equal(EnrollmentStatus.Active, (await StatusAsync(enrollmentId)).Status);
        Assert.False(await app.WithDbAsync(db => db.EmployeeLeaves.AnyAsync(l => db.Employees.Any(e => e.Id == l.EmployeeId && e.EmployeeNumber == number))));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Forged_posts_without_the_antiforgery_token_or_with_an_unknown_id_change_nothing_and_say_so_in_Japanese()
    {
        var (number, enrollmentId) = await PersonWithEnrollmentAsync();
        var (hr, _) = await SignInAsHrAsync();
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["enrollmentId"] = enrollmentId.ToString(CultureInfo.InvariantCulture), ["reason"] = "偽造" });
        var withoutToken = await hr.PostAsync($"/hr/exemptions?handler=Exempt&Number={number}", noToken);
        using var noTokenLeave = new FormUrlEncodedContent(new Dictionary<string, string> { ["number"] = number, ["kind"] = "LeaveOfAbsence", ["start"] = D(Today) });
        var leaveWithoutToken = await hr.PostAsync("/hr/leave?handler=Add", noTokenLeave);
        var unknownEnrollment = await AppFixture.PostFormAsync(hr, $"/hr/exemptions?Number={number}", $"/hr/exemptions?handler=Exempt&Number={number}",
            new Dictionary<string, string> { ["enrollmentId"] = "987654321", ["reason"] = "偽造" });
        var unknownLeave = await AppFixture.PostFormAsync(hr, "/hr/leave", "/hr/leave?handler=End",
            new Dictionary<string, string> { ["leaveId"] = "987654321", ["lastDay"] = D(Today) });

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("送信内容を確認できませんでした。", WebUtility.HtmlDecode(await withoutToken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, leaveWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEnrollment.StatusCode);
        Assert.Contains("指定された受講が見つかりません。", WebUtility.HtmlDecode(await unknownEnrollment.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownLeave.StatusCode);
        Assert.Contains("指定された休業が見つかりません。", WebUtility.HtmlDecode(await unknownLeave.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(EnrollmentStatus.Active, (await StatusAsync(enrollmentId)).Status);
        Assert.False(await app.WithDbAsync(db => db.EmployeeLeaves.AnyAsync(l => db.Employees.Any(e => e.Id == l.EmployeeId && e.EmployeeNumber == number))));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_leave_recorded_by_HR_moves_curriculum_due_dates_by_its_length_and_ending_it_early_moves_them_back()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var number = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == person).Select(e => e.EmployeeNumber).SingleAsync());
        await roster.AddCurriculumAsync("leave", "  - course: personal-information\n  - course: meguro-dx-basics\n", "daysAfterAssignment: 30");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AssignmentEngine>().RunAsync(new AssignmentScope(EmployeeId: person), "test", "test", CancellationToken.None));
        Assert.Equal([Today.AddDays(30), Today.AddDays(30)], await DueDatesAsync(person));
        var (hr, hrName) = await SignInAsHrAsync();

        // 10 days of 育休 inside the 30 days to the due date.
        var added = await AppFixture.PostFormAsync(hr, "/hr/leave", "/hr/leave?handler=Add", new Dictionary<string, string>
        {
            ["number"] = number, ["kind"] = "ChildcareLeave", ["start"] = D(Today.AddDays(5)), ["end"] = D(Today.AddDays(14)),
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("保存しました。", WebUtility.HtmlDecode(await hr.GetStringAsync("/hr/leave")), StringComparison.Ordinal);
        var leave = await app.WithDbAsync(db => db.EmployeeLeaves.AsNoTracking().SingleAsync(l => l.EmployeeId == person));
        Assert.Equal((LeaveSource.HR, hrName), (leave.Source, leave.RecordedBy));
        Assert.Equal([Today.AddDays(40), Today.AddDays(40)], await DueDatesAsync(person));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "休業の登録" && a.Target == number));
        Assert.Equal((hrName, $"育休 {D(Today.AddDays(5))}〜{D(Today.AddDays(14))}"), (audit.Actor, audit.Details));

        // Back after 5 days instead of 10.
        var ended = await AppFixture.PostFormAsync(hr, "/hr/leave", "/hr/leave?handler=End", new Dictionary<string, string>
        {
            ["leaveId"] = leave.Id.ToString(CultureInfo.InvariantCulture), ["lastDay"] = D(Today.AddDays(9)),
        });

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(Today.AddDays(9), (await app.WithDbAsync(db => db.EmployeeLeaves.AsNoTracking().SingleAsync(l => l.EmployeeId == person))).End);
        Assert.Equal([Today.AddDays(35), Today.AddDays(35)], await DueDatesAsync(person));
        Assert.Equal(["育休 " + D(Today.AddDays(5)) + "〜" + D(Today.AddDays(14)), "育休の終了 " + D(Today.AddDays(9))],
            await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "休業の登録" && a.Target == number).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync()));
    }

    [Fact]
    public async Task A_leave_ending_before_it_starts_or_for_an_unknown_number_is_refused_in_Japanese()
    {
        var (number, _) = await PersonWithEnrollmentAsync();
        var (hr, _) = await SignInAsHrAsync();

        var backwards = await AppFixture.PostFormAsync(hr, "/hr/leave", "/hr/leave?handler=Add", new Dictionary<string, string>
        {
            ["number"] = number, ["kind"] = "LeaveOfAbsence", ["start"] = D(Today), ["end"] = D(Today.AddDays(-1)),
        });
        var nobody = await AppFixture.PostFormAsync(hr, "/hr/leave", "/hr/leave?handler=Add", new Dictionary<string, string>
        {
            ["number"] = "NO-SUCH-1", ["kind"] = "LeaveOfAbsence", ["start"] = D(Today),
        });

        Assert.Contains($"休職の終了日 {D(Today.AddDays(-1))} が開始日 {D(Today)} より前になっています。",
            WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("その職員番号の職員はいません。", WebUtility.HtmlDecode(await nobody.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.EmployeeLeaves.AnyAsync(l => db.Employees.Any(e => e.Id == l.EmployeeId && e.EmployeeNumber == number))));
    }

    private async Task<(HttpClient Client, string UserName)> SignInAsHrAsync()
    {
        var name = await app.CreateUserAsync(Roles.HR);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFixture.SignInAsync(client, name, AppFixture.TestPassword)).StatusCode);
        return (client, name);
    }

    /// <summary>A person of their own with an HR-assigned enrollment in personal-information.</summary>
    private async Task<(string Number, int EnrollmentId)> PersonWithEnrollmentAsync()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        return await app.WithDbAsync(async db =>
        {
            var employee = await db.Employees.SingleAsync(e => e.Id == person);
            var courseId = await db.Courses.Where(c => c.Slug == "personal-information").Select(c => c.Id).SingleAsync();
            var enrollment = Enrollment.Assign(employee, courseId, EnrollmentSource.HR, 0, DateTime.UtcNow, Today.AddDays(60));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return (employee.EmployeeNumber, enrollment.Id);
        });
    }

    private Task<(EnrollmentStatus Status, string? Reason)> StatusAsync(int enrollmentId) =>
        app.WithDbAsync(async db => await db.Enrollments.AsNoTracking().Where(e => e.Id == enrollmentId)
            .Select(e => new ValueTuple<EnrollmentStatus, string?>(e.Status, e.StatusReason)).SingleAsync());

    private Task<List<DateOnly>> DueDatesAsync(int employeeId) => app.WithDbAsync(db =>
        db.Enrollments.Where(e => e.EmployeeId == employeeId && e.Source == EnrollmentSource.Curriculum)
            .OrderBy(e => e.CourseId).Select(e => e.DueDate!.Value).ToListAsync());
}

public sealed class ExemptionAndLeavePagesTestsOnSqlite(SqliteApp app) : ExemptionAndLeavePagesTests<SqliteApp>(app);

public sealed class ExemptionAndLeavePagesTestsOnPostgres(PostgresApp app) : ExemptionAndLeavePagesTests<PostgresApp>(app);
