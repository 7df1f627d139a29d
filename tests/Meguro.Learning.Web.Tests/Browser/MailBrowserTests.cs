using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>
/// The mail pages in a real browser as the demo HR and administrator: the template editor with a
/// refused save and a preview, 送信メール with sent, failed and pickup files, 宛先不明 — axe on each.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MailBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task Template_editor_preview_and_refused_save_have_no_axe_violations()
    {
        var enrollmentId = await EnsureEnrollmentAsync();
        await using var session = await site.SignInAsync(DemoPersonas.All.Single(p => p.UserName == "hr"));
        var page = session.Page;

        await page.GotoAsync("/hr/mail-templates");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "受講者への督促" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.Locator("#enrollment").SelectOptionAsync(enrollmentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "プレビュー（保存しない）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-body")).ToContainTextAsync("様");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.Locator("#body").FillAsync("{{ learner.name }} 様\n{% if days_left < 0 %}\n期限超過");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#template-errors")).ToContainTextAsync("行目");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        Assert.Empty(session.ForeignRequests());
    }

    [Fact]
    public async Task Outbox_detail_and_mail_problems_have_no_axe_violations()
    {
        await site.WithDbAsync(async db =>
        {
            var failed = new OutboxMail($"browser:{Guid.NewGuid():N}", MailTemplateKeys.LearnerReminder, null, "nobody@example.jp", "目黒 花子", "受講期限のお知らせ", "目黒 花子 様\n期限を過ぎています。", DateTime.UtcNow);
            failed.MarkPermanentFailure("宛先を受け付けられませんでした（550 No such user）", DateTime.UtcNow);
            db.OutboxMails.AddRange(failed,
                new OutboxMail($"browser:{Guid.NewGuid():N}", MailTemplateKeys.LearnerReminder, null, "hanako@example.jp", "目黒 花子", "受講期限のお知らせ（3日前）", "目黒 花子 様\nあと3日です。", DateTime.UtcNow.AddMinutes(-1)));
            return await db.SaveChangesAsync();
        });
        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailSenderJob>().RunAsync();
        }

        await using var admin = await site.SignInAsync(DemoPersonas.Administrator);
        await admin.Page.GotoAsync("/admin/mail");
        await Assertions.Expect(admin.Page.Locator("#eml-files a").First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(admin.Page);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "受講期限のお知らせ（3日前）" }).First.ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#mail-body")).ToContainTextAsync("あと3日です。");
        await AccessibilityTests.AssertNoViolationsAsync(admin.Page);

        await using var hr = await site.SignInAsync(DemoPersonas.All.Single(p => p.UserName == "hr"));
        await hr.Page.GotoAsync("/hr/mail-problems");
        await Assertions.Expect(hr.Page.GetByRole(AriaRole.Button, new() { Name = "目黒 花子 さんへのメールを再送する" }).First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(hr.Page);
        await hr.Page.GotoAsync("/admin/mail?status=Failed");
        await AccessibilityTests.AssertNoViolationsAsync(hr.Page);
        Assert.Empty(admin.ForeignRequests());
        Assert.Empty(hr.ForeignRequests());
    }

    /// <summary>An active enrollment with a due date to preview with (the demo seed may have none).</summary>
    private Task<int> EnsureEnrollmentAsync() => site.WithDbAsync(async db =>
    {
        var existing = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && e.DueDate != null).Select(e => e.Id).FirstOrDefaultAsync();
        if (existing != 0)
        {
            return existing;
        }
        var course = await db.Courses.OrderBy(c => c.Id).FirstAsync(c => c.PublishedVersionNumber != null);
        var employee = await db.Employees.OrderByDescending(e => e.Id).FirstAsync(e => e.IsActive);
        var enrollment = Enrollment.Assign(employee, course.Id, EnrollmentSource.HR, 2099, DateTime.UtcNow, new DateOnly(2099, 3, 31));
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync();
        return enrollment.Id;
    });
}
