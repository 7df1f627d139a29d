using System.Net;
using System.Net.Sockets;
using System.Text;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>
/// The sender called directly against real SMTP servers in the test process. Times are in 2030 so the
/// app's own minutely sender (real clock) never finds these mails due.
/// </summary>
public abstract class MailSenderJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Mails_arrive_over_SMTP_with_address_subject_and_Japanese_body()
    {
        var port = FreePort();
        using var server = SimpleSmtpServer.Start(port);
        var mail = await QueueAsync("hanako@example.jp", "受講期限のお知らせ（3日前）", "目黒 花子 様\n\n情報セキュリティ研修の期限は2027年3月31日です。\n");

        var summary = await RunAsync(new FakeTimeProvider(Now), Smtp(port));

        Assert.Equal(1, summary.Sent);
        var received = Assert.Single(server.ReceivedEmail);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal("hanako@example.jp", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("受講期限のお知らせ（3日前）", message.Subject);
        Assert.Contains("情報セキュリティ研修の期限は2027年3月31日です。", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(MailSenderJob.MessageIdFor(mail.DedupKey, "city.meguro.tokyo.jp"), message.MessageId);
        var stored = await FindAsync(mail.Id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task A_server_that_is_down_keeps_the_mail_with_backoff_and_it_is_sent_once_when_the_server_is_back()
    {
        var port = FreePort();
        var clock = new FakeTimeProvider(Now);
        var mail = await QueueAsync("taro@example.jp", "再送のテスト", "本文\n");

        var down = await RunAsync(clock, Smtp(port));

        Assert.Equal(new MailSendSummary(0, 1, 0), down);
        var waiting = await FindAsync(mail.Id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(Now.UtcDateTime.AddMinutes(1), waiting.NextAttemptAtUtc);
        Assert.Contains("接続できませんでした", waiting.LastError, StringComparison.Ordinal);

        using var server = SimpleSmtpServer.Start(port);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new MailSendSummary(0, 0, 0), await RunAsync(clock, Smtp(port)));
        clock.Advance(TimeSpan.FromSeconds(31));
        await RunAsync(clock, Smtp(port));
        clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(clock, Smtp(port));

        Assert.Single(server.ReceivedEmail);
        var sent = await FindAsync(mail.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_recipient_refused_with_550_fails_the_mail_and_marks_the_employee_while_others_are_sent()
    {
        await using var server = new FakeSmtpServer(line => line.Contains("nobody@", StringComparison.Ordinal));
        var (_, employeeId) = await app.RunAsEmployeeAsync();
        var bad = await QueueAsync("nobody@example.jp", "督促", "本文\n", employeeId);
        var good = await QueueAsync("somebody@example.jp", "督促", "本文\n");

        var summary = await RunAsync(new FakeTimeProvider(Now), Smtp(server.Port));

        Assert.Equal(1, summary.Failed);
        Assert.Equal(1, summary.Sent);
        var failed = await FindAsync(bad.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await FindAsync(good.Id)).Status);
        var employee = await app.WithDbAsync(db => db.Employees.AsNoTracking().SingleAsync(e => e.Id == employeeId));
        Assert.Contains("550", employee.EmailProblem, StringComparison.Ordinal);
        Assert.Equal(Now.UtcDateTime, employee.EmailProblemAtUtc);

        // Failed mails wait for HR: later runs leave them alone.
        var later = new FakeTimeProvider(Now.AddDays(1));
        await RunAsync(later, Smtp(server.Port));
        Assert.Equal(1, (await FindAsync(bad.Id)).Attempts);
        Assert.Equal(["RCPT TO:<somebody@example.jp>"], server.Accepted);
    }

    [Fact]
    public async Task A_mail_without_an_address_fails_without_asking_the_server()
    {
        var (_, employeeId) = await app.RunAsEmployeeAsync();
        var mail = await QueueAsync("", "督促", "本文\n", employeeId);

        var summary = await RunAsync(new FakeTimeProvider(Now), Smtp(FreePort()));

        Assert.Equal(new MailSendSummary(0, 0, 1), summary);
        var failed = await FindAsync(mail.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(MailSenderJob.NoAddress, failed.LastError);
        var employee = await app.WithDbAsync(db => db.Employees.AsNoTracking().SingleAsync(e => e.Id == employeeId));
        Assert.Equal(MailSenderJob.NoAddress, employee.EmailProblem);
    }

    [Fact]
    public async Task Pickup_writes_a_parsable_eml_and_a_second_run_sends_nothing_more()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"meguro-pickup-{Guid.NewGuid():N}");
        try
        {
            var options = new MailOptions { Transport = MailTransportKind.Pickup, PickupDirectory = folder };
            var mail = await QueueAsync("hanako@example.jp", "期限超過のお知らせ", "目黒 花子 様\n期限を過ぎています。\n");
            var clock = new FakeTimeProvider(Now);

            Assert.Equal(1, (await RunAsync(clock, options)).Sent);
            Assert.Equal(0, (await RunAsync(clock, options)).Sent);

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal($"20300115-090000-{mail.Id}.eml", Path.GetFileName(file));
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal("期限超過のお知らせ", message.Subject);
            Assert.Equal("hanako@example.jp", Assert.Single(message.To.Mailboxes).Address);
            Assert.Contains("期限を過ぎています。", message.TextBody, StringComparison.Ordinal);
            Assert.Equal("目黒区 職員デジタル研修", Assert.Single(message.From.Mailboxes).Name);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Two_senders_running_at_once_send_each_mail_once()
    {
        var port = FreePort();
        using var server = SimpleSmtpServer.Start(port);
        var mails = new List<OutboxMail>();
        for (var i = 0; i < 5; i++)
        {
            mails.Add(await QueueAsync($"p{i}@example.jp", "同時実行", "本文\n"));
        }

        var clock = new FakeTimeProvider(Now);
        await Task.WhenAll(RunAsync(clock, Smtp(port)), RunAsync(clock, Smtp(port)));

        var ids = mails.Select(m => m.Id).ToList();
        var stored = await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(stored, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(5, server.ReceivedEmailCount);
    }

    private static MailOptions Smtp(int port) => new()
    {
        Transport = MailTransportKind.Smtp,
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, TimeoutSeconds = 5 },
    };

    private async Task<MailSendSummary> RunAsync(TimeProvider clock, MailOptions options)
    {
        using var scope = app.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<MailSenderJob>(scope.ServiceProvider, clock, Options.Create(options));
        return await job.RunAsync();
    }

    private readonly List<string> _queuedHere = [];

    /// <summary>Mails left pending by other tests are moved out of reach, so each test sees only its own.</summary>
    private async Task<OutboxMail> QueueAsync(string to, string subject, string body, int? employeeId = null)
    {
        var mail = new OutboxMail($"test:{Guid.NewGuid():N}", MailTemplateKeys.LearnerReminder, employeeId, to, "受講者", subject, body, Now.UtcDateTime);
        _queuedHere.Add(mail.DedupKey);
        await app.WithDbAsync(async db =>
        {
            await db.OutboxMails.Where(m => m.Status == OutboxStatus.Pending && !_queuedHere.Contains(m.DedupKey)).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, new DateTime(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            db.OutboxMails.Add(mail);
            return await db.SaveChangesAsync();
        });
        return mail;
    }

    private Task<OutboxMail> FindAsync(long id) => app.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.Id == id));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

public sealed class MailSenderJobTestsOnSqlite(SqliteApp app) : MailSenderJobTests<SqliteApp>(app);

public sealed class MailSenderJobTestsOnPostgres(PostgresApp app) : MailSenderJobTests<PostgresApp>(app);
