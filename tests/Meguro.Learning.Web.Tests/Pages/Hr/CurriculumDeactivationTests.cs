using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>
/// HR stops a curriculum on /hr/curricula with a reason, and starts it again: audited, followed by
/// the assignment engine, and seen by the learner on /my.
/// </summary>
public abstract class CurriculumDeactivationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Courses = "  - course: personal-information\n  - course: meguro-dx-basics\n";

    [Fact]
    public async Task HR_stops_a_curriculum_its_open_enrollments_become_not_required_for_the_learner_and_restarting_brings_them_back()
    {
        var (learner, employeeId) = await app.RunAsEmployeeAsync();
        var roster = new CurriculumRosterBuilder(app);
        var code = await roster.AddCurriculumAsync("stop", Courses, "daysAfterAssignment: 30", unit: "TST-K-T");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AssignmentEngine>().RunAsync(new AssignmentScope(CurriculumCode: code), "test", "test", CancellationToken.None));
        Assert.Equal([EnrollmentStatus.Active, EnrollmentStatus.Active], await StatusesAsync(employeeId, code));
        Assert.Contains("href=\"/courses/personal-information\"", await learner.GetStringAsync("/my"), StringComparison.Ordinal);
        var hrName = await app.CreateUserAsync(Roles.HR);
        using var hr = app.CreateClient();
        await AppFixture.SignInAsync(hr, hrName, AppFixture.TestPassword);

        var stopped = await AppFixture.PostFormAsync(hr, "/hr/curricula", "/hr/curricula?handler=Deactivate",
            new Dictionary<string, string> { ["code"] = code, ["reason"] = "年度途中で廃止" });

        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        var list = WebUtility.HtmlDecode(await hr.GetStringAsync(stopped.Headers.Location!.OriginalString));
        Assert.Contains($"「{code}」を停止しました。新規割当 0 件、対象外 2 件、再割当 0 件、期限の変更 0 件", list, StringComparison.Ordinal);
        Assert.Contains("（停止中）", list, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.CurriculumDefinitions.Where(d => d.Code == code).Select(d => d.IsActive).SingleAsync()));
        Assert.Equal([EnrollmentStatus.NotRequired, EnrollmentStatus.NotRequired], await StatusesAsync(employeeId, code));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "カリキュラムの停止" && a.Target == code));
        Assert.Equal((hrName, "年度途中で廃止"), (audit.Actor, audit.Details));
        var my = WebUtility.HtmlDecode(await learner.GetStringAsync("/my"));
        Assert.DoesNotContain("href=\"/courses/personal-information\"", my, StringComparison.Ordinal);
        Assert.Contains("対象外・免除のコース", my, StringComparison.Ordinal);
        Assert.Contains($"対象外：カリキュラム「{code}」の対象から外れました（カリキュラムの停止（年度途中で廃止））。", my, StringComparison.Ordinal);

        var restarted = await AppFixture.PostFormAsync(hr, "/hr/curricula", "/hr/curricula?handler=Reactivate",
            new Dictionary<string, string> { ["code"] = code, ["reason"] = "廃止を取りやめ" });

        Assert.Equal(HttpStatusCode.Redirect, restarted.StatusCode);
        Assert.Contains($"「{code}」を再開しました。新規割当 0 件、対象外 0 件、再割当 2 件", WebUtility.HtmlDecode(await hr.GetStringAsync("/hr/curricula")), StringComparison.Ordinal);
        Assert.Equal([EnrollmentStatus.Active, EnrollmentStatus.Active], await StatusesAsync(employeeId, code));
        Assert.Equal("廃止を取りやめ", (await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "カリキュラムの再開" && a.Target == code))).Details);
        Assert.Contains("href=\"/courses/personal-information\"", await learner.GetStringAsync("/my"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_without_a_reason_or_an_unknown_curriculum_is_refused_in_Japanese_and_a_learner_gets_403()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var code = await roster.AddCurriculumAsync("keep", Courses, "daysAfterAssignment: 30");
        using var hr = await app.RunAsUserAsync(Roles.HR);
        using var learner = await app.RunAsUserAsync(Roles.Learner);
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var noReason = await AppFixture.PostFormAsync(hr, "/hr/curricula", "/hr/curricula?handler=Deactivate",
            new Dictionary<string, string> { ["code"] = code, ["reason"] = "  " });
        var unknown = await AppFixture.PostFormAsync(hr, "/hr/curricula", "/hr/curricula?handler=Deactivate",
            new Dictionary<string, string> { ["code"] = "no-such-curriculum", ["reason"] = "理由" });
        var byLearner = await AppFixture.PostFormAsync(learner, "/account/password", "/hr/curricula?handler=Deactivate",
            new Dictionary<string, string> { ["code"] = code, ["reason"] = "理由" });

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("理由を入力してください。", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("指定されたカリキュラムが見つかりません。", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byLearner.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.CurriculumDefinitions.Where(d => d.Code == code).Select(d => d.IsActive).SingleAsync()));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private Task<List<EnrollmentStatus>> StatusesAsync(int employeeId, string code) => app.WithDbAsync(db =>
        db.Enrollments.Where(e => e.EmployeeId == employeeId && e.CurriculumCode == code).OrderBy(e => e.CourseId).Select(e => e.Status).ToListAsync());
}

public sealed class CurriculumDeactivationTestsOnSqlite(SqliteApp app) : CurriculumDeactivationTests<SqliteApp>(app);

public sealed class CurriculumDeactivationTestsOnPostgres(PostgresApp app) : CurriculumDeactivationTests<PostgresApp>(app);
