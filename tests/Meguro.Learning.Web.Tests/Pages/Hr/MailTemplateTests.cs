using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>HR edits mail templates over HTTP: refused when broken, saved and audited when valid, previewed with real data.</summary>
public abstract class MailTemplateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Url = "/hr/mail-templates/" + MailTemplateKeys.LearnerReminder;

    [Fact]
    public async Task The_list_shows_both_seeded_templates()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var html = await hr.GetStringAsync("/hr/mail-templates");
        Assert.Contains("受講者への督促", html, StringComparison.Ordinal);
        Assert.Contains("所属長への期限超過のお知らせ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_is_refused_with_its_line_and_nothing_changes()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var before = await StoredAsync();

        var response = await AppFixture.PostFormAsync(hr, Url, Url + "?handler=save", new Dictionary<string, string>
        {
            ["Subject"] = "督促",
            ["Body"] = "{{ learner.name }} 様\n\n{% if days_left < 0 %}\n期限を過ぎています。\n",
            ["Revision"] = before.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"本文 \d+行目", html);
        Assert.Contains("保存していません", html, StringComparison.Ordinal);
        var after = await StoredAsync();
        Assert.Equal((before.Revision, before.Body), (after.Revision, after.Body));
    }

    [Fact]
    public async Task An_unknown_variable_is_refused()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var before = await StoredAsync();
        var response = await SaveAsync(hr, "督促", "こんにちは\n{{ learner.address }}\n{{ salary }}", before.Revision);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("本文 3行目: 変数「salary」は使えません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_template_is_saved_audited_and_used_by_the_next_render_and_a_stale_save_is_refused()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var before = await StoredAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];

        var saved = await SaveAsync(hr, "【研修】{{ course.title }} " + marker, "{{ learner.name }} 様 {{ due_date }}まで", before.Revision);
        var stale = await SaveAsync(hr, "古い画面からの保存", "本文", before.Revision);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("先に保存しました", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await StoredAsync();
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.EndsWith(marker, after.Subject, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "メールの文面を保存" && e.Details.Contains(marker))));
        var rendered = Render();
        Assert.Equal("【研修】情報セキュリティ研修 " + marker, rendered.Subject);
        Assert.Equal("目黒 花子 様 2027年3月31日まで\n", rendered.Body);
    }

    [Fact]
    public async Task Preview_renders_the_unsaved_text_with_a_real_enrollment()
    {
        var (_, employeeId) = await app.RunAsEmployeeAsync();
        var (enrollmentId, title, name) = await app.WithDbAsync(async db =>
        {
            var course = await db.Courses.OrderBy(c => c.Id).FirstAsync(c => c.PublishedVersionNumber != null);
            var courseTitle = await db.CourseVersions.Where(v => v.CourseId == course.Id && v.Number == course.PublishedVersionNumber).Select(v => v.Title).SingleAsync();
            var employee = await db.Employees.SingleAsync(e => e.Id == employeeId);
            var enrollment = Enrollment.Assign(employee, course.Id, EnrollmentSource.HR, 0, DateTime.UtcNow, new DateOnly(2099, 3, 31));
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync();
            return (enrollment.Id, courseTitle, employee.Name);
        });
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var before = await StoredAsync();

        var page = await hr.GetStringAsync(Url);
        var response = await AppFixture.PostFormAsync(hr, Url, Url + "?handler=preview", new Dictionary<string, string>
        {
            ["Subject"] = "{{ course.title }}（{{ step }}）",
            ["Body"] = "{{ learner.name }} 様\n期限: {{ due_date }}\nURL: {{ course.url }}",
            ["Revision"] = before.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EnrollmentId"] = enrollmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Contains($"value=\"{enrollmentId}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"{name} 様", html, StringComparison.Ordinal);
        Assert.Contains("期限: 2099年3月31日", html, StringComparison.Ordinal);
        Assert.Contains($"{title}（", html, StringComparison.Ordinal);
        Assert.Contains("日前）", html, StringComparison.Ordinal);
        Assert.Contains("/courses/", html, StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await StoredAsync()).Revision);
    }

    [Fact]
    public async Task A_failed_mail_is_listed_with_the_employee_and_HR_sends_it_again()
    {
        var (_, employeeId) = await app.RunAsEmployeeAsync();
        var mail = await app.WithDbAsync(async db =>
        {
            var employee = await db.Employees.SingleAsync(e => e.Id == employeeId);
            employee.MarkEmailUndeliverable("宛先を受け付けられませんでした（550 No such user）", DateTime.UtcNow);
            var failed = new OutboxMail($"test:{Guid.NewGuid():N}", MailTemplateKeys.LearnerReminder, employeeId, "old@example.jp", employee.Name, "督促", "本文", DateTime.UtcNow);
            failed.MarkPermanentFailure("宛先を受け付けられませんでした（550 No such user）", DateTime.UtcNow);
            db.OutboxMails.Add(failed);
            await db.SaveChangesAsync();
            return failed;
        });
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var page = await hr.GetStringAsync("/hr/mail-problems");
        var response = await AppFixture.PostFormAsync(hr, "/hr/mail-problems", "/hr/mail-problems?handler=requeue",
            new Dictionary<string, string> { ["id"] = mail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("550 No such user", page, StringComparison.Ordinal);
        Assert.Contains("old@example.jp", page, StringComparison.Ordinal);
        Assert.Contains("再送する", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var requeued = await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.Id == mail.Id));
        // The app's own minutely sender may already have sent it again (pickup); it is no longer failed.
        Assert.NotEqual(OutboxStatus.Failed, requeued.Status);
        Assert.True(requeued.Attempts <= 1);
        Assert.Equal("old@example.jp", requeued.ToAddress);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "メールを再送" && e.Target == $"送信メール {mail.Id}")));
    }

    [Theory]
    [InlineData("/hr/mail-templates")]
    [InlineData(Url)]
    [InlineData("/hr/mail-problems")]
    [InlineData("/admin/mail")]
    [InlineData("/admin/mail/1")]
    [InlineData("/admin/mail/files/20300101-000000-1.eml")]
    public async Task A_learner_is_forbidden(string url)
    {
        var (learner, _) = await app.RunAsEmployeeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(url)).StatusCode);
    }

    private Task<HttpResponseMessage> SaveAsync(HttpClient hr, string subject, string body, int revision) =>
        AppFixture.PostFormAsync(hr, Url, Url + "?handler=save", new Dictionary<string, string>
        {
            ["Subject"] = subject,
            ["Body"] = body,
            ["Revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private Task<MailTemplate> StoredAsync() =>
        app.WithDbAsync(db => db.MailTemplates.AsNoTracking().SingleAsync(t => t.Key == MailTemplateKeys.LearnerReminder));

    private RenderedMail Render()
    {
        using var scope = app.Services.CreateScope();
        var model = new LearnerReminderModel(new MailPerson("目黒 花子"), new MailCourse("情報セキュリティ研修", "http://x/courses/s"),
            MailTemplateEngine.FormatDate(new DateOnly(2027, 3, 31)), 3, "3日前", new MailSite("http://x"));
        return scope.ServiceProvider.GetRequiredService<MailTemplates>().Render(MailTemplateKeys.LearnerReminder, model);
    }
}

public sealed class MailTemplateTestsOnSqlite(SqliteApp app) : MailTemplateTests<SqliteApp>(app);

public sealed class MailTemplateTestsOnPostgres(PostgresApp app) : MailTemplateTests<PostgresApp>(app);
