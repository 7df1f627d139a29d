using System.Net;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Meguro.Learning.Web.Tests.Pages.Admin;

/// <summary>送信メール over HTTP: the outbox for administrators and HR, the .eml files of the pickup folder.</summary>
public abstract class OutboxTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Administrators_and_HR_see_the_outbox_filter_it_and_open_a_mail()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var pending = await app.WithDbAsync(async db =>
        {
            var p = new OutboxMail($"test:{marker}:p", MailTemplateKeys.LearnerReminder, null, "p@example.jp", "送信 待子", "待ち " + marker, "待ちの本文\n2行目 " + marker, DateTime.UtcNow.AddYears(5));
            var f = new OutboxMail($"test:{marker}:f", MailTemplateKeys.LearnerReminder, null, "f@example.jp", "失敗 太郎", "失敗 " + marker, "失敗の本文", DateTime.UtcNow);
            f.MarkPermanentFailure("宛先を受け付けられませんでした（550）", DateTime.UtcNow);
            db.OutboxMails.AddRange(p, f);
            await db.SaveChangesAsync();
            return p;
        });
        using var admin = await app.RunAsUserAsync(Roles.Administrator);
        using var hr = await app.RunAsUserAsync(Roles.HR);

        var all = await admin.GetStringAsync("/admin/mail");
        var onlyFailed = await hr.GetStringAsync("/admin/mail?status=Failed");
        var detail = WebUtility.HtmlDecode(await hr.GetStringAsync($"/admin/mail/{pending.Id}"));

        Assert.Contains("待ち " + marker, all, StringComparison.Ordinal);
        Assert.Contains("失敗 " + marker, all, StringComparison.Ordinal);
        Assert.Contains("失敗 " + marker, onlyFailed, StringComparison.Ordinal);
        Assert.DoesNotContain("待ち " + marker, onlyFailed, StringComparison.Ordinal);
        Assert.Contains("550", onlyFailed, StringComparison.Ordinal);
        Assert.Contains("待ちの本文\n2行目 " + marker, detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync("/admin/mail/999999999")).StatusCode);
    }

    [Fact]
    public async Task In_pickup_mode_the_written_eml_files_are_listed_and_downloadable_and_nothing_else_is_served()
    {
        var mail = await app.WithDbAsync(async db =>
        {
            var m = new OutboxMail($"test:{Guid.NewGuid():N}", MailTemplateKeys.LearnerReminder, null, "hanako@example.jp", "目黒 花子", "期限のお知らせ", "本文です。", DateTime.UtcNow.AddMinutes(-1));
            db.OutboxMails.Add(m);
            await db.SaveChangesAsync();
            return m;
        });
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailSenderJob>().RunAsync();
        }
        var name = Path.GetFileName(Directory.GetFiles(app.Factory.MailPickupPath, $"*-{mail.Id}.eml").Single());
        await File.WriteAllTextAsync(Path.Combine(app.Factory.MailPickupPath, "secret.txt"), "not a mail");
        using var admin = await app.RunAsUserAsync(Roles.Administrator);

        var page = await admin.GetStringAsync("/admin/mail");
        var download = await admin.GetAsync($"/admin/mail/files/{name}");

        Assert.Contains($"/admin/mail/files/{name}", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);
        var message = await MimeMessage.LoadAsync(await download.Content.ReadAsStreamAsync());
        Assert.Equal("期限のお知らせ", message.Subject);
        foreach (var bad in new[] { "secret.txt", "..%2F..%2Fappsettings.json", "..%2Fsecret.txt", "20300101-000000-0.eml" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/mail/files/{bad}")).StatusCode);
        }
    }
}

public sealed class OutboxTestsOnSqlite(SqliteApp app) : OutboxTests<SqliteApp>(app);

public sealed class OutboxTestsOnPostgres(PostgresApp app) : OutboxTests<PostgresApp>(app);
