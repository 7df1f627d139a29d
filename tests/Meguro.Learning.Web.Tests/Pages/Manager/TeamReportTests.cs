using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reminders;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Manager;

/// <summary>
/// The team pages on a small organisation whose figures were counted by hand (see <see cref="Org"/>),
/// and who may see what: the 所属長 of 課A sees 課A and nothing of 課B, and the other way round; HR sees
/// every unit; a learner gets 403. Every id a URL or a form carries is tried from the wrong side.
/// </summary>
public abstract class TeamReportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string DxCourse = "meguro-dx-basics";
    private const string PrivacyCourse = "personal-information";
    private const string PrivacyTitle = "個人情報の適正な取扱い";

    /// <summary>
    /// 課A: 所属長 (課長, done 2/2); 係A1: p1 (done 2/2 of "x", "y" open), p2 (x: 1/2, one 5 days overdue);
    /// 係A2: p3 (x: one exempt, one 1 day overdue; on 育休), p4 (x: 1/2, open one not due yet).
    /// 課B: 所属長 (nothing), p5 (x: 1/2, 3 days overdue), p6 (x: 2/2).
    /// By hand, curriculum x in 課A: required 2+2+1+2+2 = 9, completed 2+2+1+0+1 = 6 → 66% (floored), 2 of 5 people complete;
    /// curriculum y: 0 of 1. Overdue in 課A: p2, p3. 係A1: 3 of 5 (60%); 係A2: 1 of 3 (33%); 課A itself: 2 of 2.
    /// 課B: 3 of 4 → 75%, 1 of 2 people complete, 1 overdue.
    /// </summary>
    private sealed record Org(TeamBuilder Units, int ManagerA, int P1, int P2, int P3, int P4, int ManagerB, int P5, int P6, int P2Overdue, int P5Overdue);

    private async Task<Org> OrgAsync()
    {
        var org = await TeamBuilder.CreateAsync(app);
        var managerA = await org.AddEmployeeAsync(org.SectionA, "kacho", "課長A");
        var p1 = await org.AddEmployeeAsync(org.TeamA1, "kakariin", "一郎");
        var p2 = await org.AddEmployeeAsync(org.TeamA1, "shunin", "二郎");
        var p3 = await org.AddEmployeeAsync(org.TeamA2, "kakariin", "三子");
        var p4 = await org.AddEmployeeAsync(org.TeamA2, "kakaricho", "四郎");
        var managerB = await org.AddEmployeeAsync(org.SectionB, "kacho", "課長B");
        var p5 = await org.AddEmployeeAsync(org.SectionB, "kakariin", "五郎");
        var p6 = await org.AddEmployeeAsync(org.SectionB, "kakariin", "六子");
        await org.HeadsAsync(managerA, org.SectionA);
        await org.HeadsAsync(managerB, org.SectionB);

        await org.Enroll(managerA, DxCourse, "x").Completed().SaveAsync();
        await org.Enroll(managerA, PrivacyCourse, "x").Completed().SaveAsync();
        await org.Enroll(p1, DxCourse, "x").Completed().SaveAsync();
        await org.Enroll(p1, PrivacyCourse, "x").Completed().SaveAsync();
        await org.Enroll(p1, "data-literacy", "y").DueInDays(10).SaveAsync();
        await org.Enroll(p2, DxCourse, "x").Completed().SaveAsync();
        var p2Overdue = await org.Enroll(p2, PrivacyCourse, "x").DueInDays(-5).SaveAsync();
        await org.Enroll(p3, DxCourse, "x").Exempted().SaveAsync();
        await org.Enroll(p3, PrivacyCourse, "x").DueInDays(-1).SaveAsync();
        await org.OnLeaveAsync(p3, LeaveKind.ChildcareLeave, daysAgo: 30);
        await org.Enroll(p4, DxCourse, "x").DueInDays(20).SaveAsync();
        await org.Enroll(p4, PrivacyCourse, "x").Completed().SaveAsync();
        var p5Overdue = await org.Enroll(p5, DxCourse, "x").DueInDays(-3).SaveAsync();
        await org.Enroll(p5, PrivacyCourse, "x").Completed().SaveAsync();
        await org.Enroll(p6, DxCourse, "x").Completed().SaveAsync();
        await org.Enroll(p6, PrivacyCourse, "x").Completed().SaveAsync();
        return new Org(org, managerA, p1, p2, p3, p4, managerB, p5, p6, p2Overdue, p5Overdue);
    }

    private string Name(Org org, string given) => $"{org.Units.Code}　{given}";

    [Fact]
    public async Task The_manager_of_A_sees_the_hand_counted_figures_of_A_by_curriculum_and_by_team()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);

        var html = await manager.GetStringAsync("/manager");

        Assert.Equal(["6 / 9", "66%", "2 / 5"], HtmlTables.Row(html, org.Units.Curriculum("x"))[1..]);
        Assert.Equal(["0 / 1", "0%", "0 / 1"], HtmlTables.Row(html, org.Units.Curriculum("y"))[1..]);
        Assert.Equal(["1", "2 / 2", "100%", "0", "0"], HtmlTables.Row(html, "試験A課（直属）")[1..]);
        Assert.Equal(["2", "3 / 5", "60%", "1", "0"], HtmlTables.Row(html, "試験A1係")[1..]);
        Assert.Equal(["2", "1 / 3", "33%", "1", "1"], HtmlTables.Row(html, "試験A2係")[1..]);
        var stats = HtmlTables.Text(html);
        Assert.Contains("在籍職員 5名", stats, StringComparison.Ordinal);
        Assert.Contains("期限超過の職員 2名", stats, StringComparison.Ordinal);
        Assert.Contains("休職・休業中 1名", stats, StringComparison.Ordinal);
        Assert.Equal("試験A2係", HtmlTables.Row(html, Name(org, "三子"))[1]);
        Assert.Contains($"{Jst.FiscalYear(TeamBuilder.Today)}年度", stats, StringComparison.Ordinal);
        Assert.DoesNotContain(Name(org, "五郎"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("試験B課", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_manager_sees_only_their_own_section_and_a_team_drill_down_shows_the_same_view_for_the_team()
    {
        var org = await OrgAsync();
        using var managerA = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);
        using var managerB = await app.SignInAsEmployeeAsync(org.ManagerB, Roles.Manager);

        var b = await managerB.GetStringAsync("/manager");
        var a2 = await managerA.GetStringAsync($"/manager/units/{org.Units.TeamA2}");

        Assert.Equal(["3 / 4", "75%", "1 / 2"], HtmlTables.Row(b, org.Units.Curriculum("x"))[1..]);
        Assert.Contains("期限超過の職員 1名", HtmlTables.Text(b), StringComparison.Ordinal);
        Assert.DoesNotContain("試験A1係", b, StringComparison.Ordinal);
        Assert.Equal(["1 / 3", "33%", "0 / 2"], HtmlTables.Row(a2, org.Units.Curriculum("x"))[1..]);
        Assert.Contains("期限超過の職員 1名", HtmlTables.Text(a2), StringComparison.Ordinal);
        Assert.Contains("休職・休業中 1名", HtmlTables.Text(a2), StringComparison.Ordinal);
        Assert.DoesNotContain(org.Units.Curriculum("y"), a2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_page_lists_required_courses_with_status_due_date_and_progress()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);

        var html = await manager.GetStringAsync($"/manager/people/{org.P2}");

        var overdue = HtmlTables.Row(html, PrivacyTitle);
        Assert.Equal(org.Units.Curriculum("x"), overdue[1]);
        Assert.Equal("受講中 期限超過", overdue[2]);
        Assert.Equal(TeamBuilder.Today.AddDays(-5).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), overdue[3]);
        Assert.Equal("0%", overdue[4]);
        var done = HtmlTables.Row(html, "目黒区のDX（方針と留意点）");
        Assert.Equal(("修了", "100%"), (done[2], done[4]));
    }

    public static TheoryData<string> ManagerPages => new() { "/manager", "/manager/overdue", "/manager/skills", "/manager/units/{A1}", "/manager/people/{P1}" };

    [Theory]
    [MemberData(nameof(ManagerPages))]
    public async Task A_learner_gets_403_on_every_team_page(string path)
    {
        var org = await OrgAsync();
        using var learner = await app.SignInAsEmployeeAsync(org.P1);

        var response = await learner.GetAsync(Resolve(path, org));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ManagerPages))]
    public async Task HR_opens_every_team_page_for_any_unit(string path)
    {
        var org = await OrgAsync();
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var response = await hr.GetAsync(Resolve(path, org).Replace($"/units/{org.Units.TeamA1}", $"/units/{org.Units.SectionB}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HR_sees_both_sections_figures_and_their_people()
    {
        var org = await OrgAsync();
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var b = await hr.GetStringAsync($"/manager/units/{org.Units.SectionB}");
        var dept = await hr.GetStringAsync($"/manager/units/{org.Units.Department}");
        var person = await hr.GetAsync($"/manager/people/{org.P2}");

        Assert.Equal(["3 / 4", "75%", "1 / 2"], HtmlTables.Row(b, org.Units.Curriculum("x"))[1..]);
        Assert.Equal(["9 / 13", "69%", "3 / 7"], HtmlTables.Row(dept, org.Units.Curriculum("x"))[1..]);
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
    }

    [Fact]
    public async Task The_manager_of_B_cannot_open_A_units_people_or_skills_by_id()
    {
        var org = await OrgAsync();
        using var managerB = await app.SignInAsEmployeeAsync(org.ManagerB, Roles.Manager);

        foreach (var path in new[]
        {
            $"/manager/units/{org.Units.SectionA}", $"/manager/units/{org.Units.TeamA1}", $"/manager/units/{org.Units.Department}",
            $"/manager/people/{org.P2}", $"/manager/people/{org.ManagerA}", $"/manager/skills?unit={org.Units.SectionA}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await managerB.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await managerB.GetAsync($"/manager/people/{org.P5}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await managerB.GetAsync($"/manager/skills?unit={org.Units.SectionB}")).StatusCode);
    }

    [Fact]
    public async Task The_overdue_list_shows_the_scope_s_overdue_courses_with_days_overdue()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);

        var html = await manager.GetStringAsync("/manager/overdue");

        var p2 = HtmlTables.Row(html, Name(org, "二郎"));
        Assert.Equal(["試験A1係", PrivacyTitle], p2[1..3]);
        Assert.Equal("5日", p2[4]);
        Assert.Equal("—", p2[5]);
        Assert.Equal("1日", HtmlTables.Row(html, Name(org, "三子"))[4]);
        Assert.DoesNotContain(Name(org, "四郎"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Name(org, "五郎"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_now_sends_mail_and_notice_once_per_day_and_records_who_reminded_whom()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);
        var fields = new Dictionary<string, string> { ["enrollmentId"] = org.P2Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var first = await AppFixture.PostFormAsync(manager, "/manager/overdue", "/manager/overdue?handler=Remind", fields);
        var afterFirst = await manager.GetStringAsync("/manager/overdue");
        var second = await AppFixture.PostFormAsync(manager, "/manager/overdue", "/manager/overdue?handler=Remind", fields);
        var afterSecond = await manager.GetStringAsync("/manager/overdue");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains($"{Name(org, "二郎")} さんに督促のメールとお知らせを送りました。", HtmlTables.Text(afterFirst), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("本日はすでに督促済みです。", afterSecond, StringComparison.Ordinal);
        Assert.Equal("本日督促済み", HtmlTables.Row(afterSecond, Name(org, "二郎"))[6]);
        var stepKey = $"manual:{TeamBuilder.Today:yyyy-MM-dd}";
        var delivery = Assert.Single(await app.WithDbAsync(db => db.ReminderDeliveries.Where(d => d.EnrollmentId == org.P2Overdue).ToListAsync()));
        Assert.Equal((stepKey, ReminderRecipient.Learner, org.P2), (delivery.StepKey, delivery.Recipient, delivery.RecipientEmployeeId));
        var mail = Assert.Single(await app.WithDbAsync(db => db.OutboxMails.Where(m => m.EmployeeId == org.P2).ToListAsync()));
        Assert.Equal(($"reminder:{org.P2Overdue}:{stepKey}", "reminder-learner"), (mail.DedupKey, mail.Kind));
        Assert.Equal(mail.Id, delivery.OutboxMailId);
        Assert.Contains(PrivacyTitle, mail.Body, StringComparison.Ordinal);
        var notice = Assert.Single(await app.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == org.P2).ToListAsync()));
        Assert.Contains("5 日過ぎています", notice.Text, StringComparison.Ordinal);
        var audit = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "今すぐ督促" && a.Target.Contains(org.Units.Code + "　二郎")).ToListAsync()));
        Assert.StartsWith("emp-", audit.Actor, StringComparison.Ordinal);
        Assert.Contains(PrivacyTitle, audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manager_of_B_cannot_remind_A_s_staff_and_nothing_is_sent()
    {
        var org = await OrgAsync();
        using var managerB = await app.SignInAsEmployeeAsync(org.ManagerB, Roles.Manager);
        var fields = new Dictionary<string, string> { ["enrollmentId"] = org.P2Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var response = await AppFixture.PostFormAsync(managerB, "/manager/overdue", "/manager/overdue?handler=Remind", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReminderDeliveries.AnyAsync(d => d.EnrollmentId == org.P2Overdue)));
        Assert.False(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.EmployeeId == org.P2)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Target.Contains(org.Units.Code + "　二郎"))));
    }

    [Fact]
    public async Task Remind_now_without_the_antiforgery_token_is_refused_and_sends_nothing()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);

        var response = await manager.PostAsync("/manager/overdue?handler=Remind",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["enrollmentId"] = org.P2Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReminderDeliveries.AnyAsync(d => d.EnrollmentId == org.P2Overdue)));
    }

    [Fact]
    public async Task The_skill_matrix_shows_each_person_s_level_against_their_job_level_s_target_and_marks_gaps()
    {
        var org = await OrgAsync();
        await Completion.Of(org.P1, "information-security").Grants("dssl.care.security", 2).WithoutCertificate().SaveAsync(app.Services);
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);
        var skills = await app.WithDbAsync(db => db.Skills.Where(s => s.Category.Code == "dss-l/care").OrderBy(s => s.SortOrder).Select(s => s.Name).ToListAsync());

        var html = await manager.GetStringAsync("/manager/skills?category=dss-l/care");

        Assert.Equal(["氏名", "職層", .. skills], HtmlTables.Rows(html)[0]);
        // Shipped targets (content/skills/targets.yml): 係員・主任 2, 係長・課長 3 in セキュリティ.
        Assert.Equal(["係員", "2 / 2", "0 / 2 ▲2", "0 / 2 ▲2"], HtmlTables.Row(html, $"{Name(org, "一郎")} 試験A1係")[1..]);
        Assert.Equal("0 / 2 ▲2", HtmlTables.Row(html, $"{Name(org, "二郎")} 試験A1係")[2]);
        Assert.Equal("0 / 3 ▲3", HtmlTables.Row(html, $"{Name(org, "課長A")} 試験A課")[2]);
        Assert.Equal(["1 / 5", "20%"], HtmlTables.Row(html, "セキュリティ")[1..]);
        Assert.DoesNotContain(Name(org, "五郎"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_exports_hold_the_figures_of_the_page_and_only_the_manager_s_people_and_personal_ones_are_audited()
    {
        var org = await OrgAsync();
        using var manager = await app.SignInAsEmployeeAsync(org.ManagerA, Roles.Manager);
        var managerUser = await app.WithDbAsync(db => db.Users.Where(u => u.EmployeeId == org.ManagerA).Select(u => u.UserName!).SingleAsync());
        var auditsBefore = await AuditCountAsync(managerUser);

        var units = await manager.GetAsync("/manager?table=units&format=csv");
        var unitsCsv = await units.Content.ReadAsByteArrayAsync();
        var overdue = await (await manager.GetAsync("/manager/overdue?table=overdue&format=csv")).Content.ReadAsStringAsync();
        var leave = await manager.GetAsync($"/manager/units/{org.Units.TeamA2}?table=leave&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], unitsCsv[..3]);
        var unitLines = System.Text.Encoding.UTF8.GetString(unitsCsv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(unitLines, l => l.StartsWith("試験A1係,2,5,3,", StringComparison.Ordinal));
        Assert.DoesNotContain(unitLines, l => l.Contains("試験B課", StringComparison.Ordinal));
        Assert.Contains(Name(org, "二郎"), overdue, StringComparison.Ordinal);
        Assert.DoesNotContain(Name(org, "五郎"), overdue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        using (var book = new ClosedXML.Excel.XLWorkbook(await leave.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(Name(org, "三子"), book.Worksheet(1).Cell(2, 1).GetString());
        }
        // The unit table names no one; the overdue list and the leave list do.
        Assert.Equal(auditsBefore + 2, await AuditCountAsync(managerUser));
    }

    [Fact]
    public async Task The_manager_of_B_cannot_export_A_s_unit_and_a_learner_cannot_export_at_all()
    {
        var org = await OrgAsync();
        using var managerB = await app.SignInAsEmployeeAsync(org.ManagerB, Roles.Manager);
        var learner = await app.RunAsUserAsync(Roles.Learner);

        Assert.Equal(HttpStatusCode.NotFound, (await managerB.GetAsync($"/manager/units/{org.Units.SectionA}?table=units&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await managerB.GetAsync($"/manager/skills?unit={org.Units.SectionA}&table=matrix&format=xlsx")).StatusCode);
        foreach (var path in new[] { "/manager?table=units&format=csv", "/manager/overdue?table=overdue&format=csv", "/manager/skills?table=matrix&format=csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(path)).StatusCode);
        }
        var bad = await managerB.GetAsync("/manager?table=nothing&format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("出力する表または形式の指定が正しくありません。", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<int> AuditCountAsync(string actor) => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Actor == actor));

    private static string Resolve(string path, Org org) => path
        .Replace("{A1}", org.Units.TeamA1.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{P1}", org.P1.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

public sealed class TeamReportTestsOnSqlite(SqliteApp app) : TeamReportTests<SqliteApp>(app);

public sealed class TeamReportTestsOnPostgres(PostgresApp app) : TeamReportTests<PostgresApp>(app);
