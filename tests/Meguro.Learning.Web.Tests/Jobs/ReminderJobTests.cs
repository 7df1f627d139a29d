using Meguro.Learning.Data;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Jobs.Reminders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Meguro.Learning.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>
/// The reminder job called directly with a clock the test sets to 08:30 JST of each day, on both
/// databases. Every test uses a unit and people of its own, and looks only at its own enrollments.
/// </summary>
public abstract class ReminderJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    /// <summary>Due Friday 2027-02-26. Hand-counted with 2/11 建国記念の日 and 2/23 天皇誕生日, 3/28 a Sunday.</summary>
    private static readonly DateOnly Due = new(2027, 2, 26);

    public static TheoryData<string, string> ScheduleForDue20270226 => new()
    {
        { "2027-02-04", "before-14" },
        { "2027-02-22", "before-3" },
        { "2027-02-26", "due" },
        { "2027-03-05", "escalate-1 overdue-1" },
        { "2027-03-12", "overdue-2" },
        { "2027-03-19", "overdue-3" },
        { "2027-03-26", "overdue-4" },
        { "2027-03-29", "escalate-2" },
        { "2027-04-02", "overdue-5" },
    };

    [Fact]
    public async Task Run_every_day_for_two_months_each_step_goes_out_once_on_its_day()
    {
        var team = await TeamAsync();
        var learner = await EmployeeAsync(team.Section, team.Team);
        var enrollmentId = await EnrollAsync(learner, Due);

        for (var day = new DateOnly(2027, 1, 25); day <= new DateOnly(2027, 4, 5); day = day.AddDays(1))
        {
            await RunAsync(day);
        }

        var sent = await app.WithDbAsync(db => db.ReminderDeliveries.Where(d => d.EnrollmentId == enrollmentId)
            .Select(d => new { d.RunDate, d.StepKey }).ToListAsync());
        var byDay = sent.GroupBy(d => d.RunDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => string.Join(' ', g.Select(d => d.StepKey).Order(StringComparer.Ordinal)));
        var expected = ScheduleForDue20270226.ToDictionary(row => (string)row[0], row => (string)row[1]);
        Assert.Equal(expected.OrderBy(e => e.Key), byDay.OrderBy(e => e.Key));
        var mails = await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.DedupKey.StartsWith($"reminder:{enrollmentId}:")));
        Assert.Equal(8, mails);
        // The enrollment's copy of its steps, which the run filters on, names exactly the steps recorded.
        Assert.Equal(sent.Select(d => d.StepKey).Order(StringComparer.Ordinal), await CopiedStepsAsync(enrollmentId));
    }

    [Fact]
    public async Task Upgrading_to_the_copy_of_sent_steps_fills_it_from_the_steps_already_recorded()
    {
        var team = await TeamAsync();
        var reminded = await EnrollAsync(await EmployeeAsync(team.Section, team.Team), Due);
        var notYet = await EnrollAsync(await EmployeeAsync(team.Section, team.Team), Due.AddDays(60));
        await RunAsync(new DateOnly(2027, 2, 22));
        await RunAsync(new DateOnly(2027, 2, 26));

        await app.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(StepsBeforeTheCopy);
            await migrator.MigrateAsync();
            return 0;
        });

        Assert.Equal(["before-3", "due"], await CopiedStepsAsync(reminded));
        Assert.Empty(await CopiedStepsAsync(notYet));
        await RunAsync(new DateOnly(2027, 2, 26));
        Assert.Equal(2, await app.WithDbAsync(db => db.ReminderDeliveries.CountAsync(d => d.EnrollmentId == reminded || d.EnrollmentId == notYet)));
    }

    [Fact]
    public async Task Escalations_reach_the_manager_as_one_digest_listing_every_overdue_person()
    {
        var team = await TeamAsync();
        var manager = await EmployeeAsync(team.Section, team.Team, heads: team.Section);
        var first = await EmployeeAsync(team.Section, team.Team);
        var second = await EmployeeAsync(team.Section, team.Team);
        await EnrollAsync(first, Due);
        await EnrollAsync(second, Due);

        await RunAsync(new DateOnly(2027, 3, 5));
        await RunAsync(new DateOnly(2027, 3, 5));

        var digests = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Kind == "digest-manager" && m.EmployeeId == manager.Id).ToListAsync());
        var digest = Assert.Single(digests);
        Assert.Contains(first.Name, digest.Body, StringComparison.Ordinal);
        Assert.Contains(second.Name, digest.Body, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == manager.Id)));
    }

    [Fact]
    public async Task Two_job_servers_running_at_once_send_each_reminder_exactly_once()
    {
        var team = await TeamAsync();
        var people = new List<Employee>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await EmployeeAsync(team.Section, team.Team));
        }
        var ids = new List<int>();
        foreach (var person in people)
        {
            ids.Add(await EnrollAsync(person, new DateOnly(2027, 2, 22).AddDays(14)));
        }

        await Task.WhenAll(RunAsync(new DateOnly(2027, 3, 8)), RunAsync(new DateOnly(2027, 3, 8)), RunAsync(new DateOnly(2027, 3, 8)));

        var deliveries = await app.WithDbAsync(db => db.ReminderDeliveries.Where(d => ids.Contains(d.EnrollmentId)).ToListAsync());
        Assert.Equal(ids.Count, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("due", d.StepKey));
        var mails = await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.Kind == "reminder-learner" && people.Select(p => p.Id).Contains(m.EmployeeId!.Value)));
        Assert.Equal(ids.Count, mails);
    }

    [Fact]
    public async Task After_a_crash_mid_run_the_next_run_sends_only_what_is_left()
    {
        var team = await TeamAsync();
        var done = await EnrollAsync(await EmployeeAsync(team.Section, team.Team), Due);
        var left = await EnrollAsync(await EmployeeAsync(team.Section, team.Team), Due);
        var day = new DateOnly(2027, 2, 26);
        // The crashed run had committed its first batch: the step of `done` is recorded, `left` is not.
        await app.WithDbAsync(async db =>
        {
            var employeeId = await db.Enrollments.Where(e => e.Id == done).Select(e => e.EmployeeId).SingleAsync();
            db.ReminderDeliveries.Add(new Domain.Reminders.ReminderDelivery(done, "due", Domain.Reminders.ReminderRecipient.Learner, employeeId, day, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        await RunAsync(day);

        var steps = await app.WithDbAsync(db => db.ReminderDeliveries.Where(d => d.EnrollmentId == done || d.EnrollmentId == left).ToListAsync());
        Assert.Equal(2, steps.Count);
        Assert.False(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.DedupKey == $"reminder:{done}:due")));
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.DedupKey == $"reminder:{left}:due")));
    }

    [Fact]
    public async Task Nothing_is_sent_on_a_holiday_or_to_someone_on_leave()
    {
        var team = await TeamAsync();
        var onLeave = await EmployeeAsync(team.Section, team.Team);
        var enrollmentId = await EnrollAsync(onLeave, Due);
        await app.WithDbAsync(db =>
        {
            db.EmployeeLeaves.Add(new EmployeeLeave(onLeave.Id, new LeavePeriod(LeaveKind.ChildcareLeave, new DateOnly(2027, 1, 1), null), LeaveSource.HR, "hr", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });

        var holiday = await RunAsync(new DateOnly(2027, 2, 23));
        await RunAsync(new DateOnly(2027, 2, 26));

        Assert.False(holiday.BusinessDay);
        Assert.False(await app.WithDbAsync(db => db.ReminderDeliveries.AnyAsync(d => d.EnrollmentId == enrollmentId)));
    }

    [Fact]
    public async Task The_learner_sees_the_reminder_as_an_unread_notice_and_can_mark_it_read()
    {
        var (client, employeeId) = await app.RunAsEmployeeAsync();
        var learner = await app.WithDbAsync(db => db.Employees.SingleAsync(e => e.Id == employeeId));
        await EnrollAsync(learner, Due);
        await RunAsync(new DateOnly(2027, 2, 22));

        var page = await client.GetStringAsync("/notifications");
        await AppFixture.PostFormAsync(client, "/notifications", "/notifications?handler=readall", new Dictionary<string, string>());
        var after = await client.GetStringAsync("/notifications");

        Assert.Contains("の期限は 2027年2月26日 です（あと 4 日）。", page, StringComparison.Ordinal);
        Assert.Contains("件の未読", page, StringComparison.Ordinal);
        Assert.DoesNotContain("件の未読", after, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.EmployeeId == employeeId && n.ReadAtUtc == null)));
    }

    [Fact]
    public async Task HR_sees_what_was_sent_to_whom_in_the_reminder_log_and_a_learner_may_not()
    {
        var team = await TeamAsync();
        var person = await EmployeeAsync(team.Section, team.Team);
        await EnrollAsync(person, Due);
        await RunAsync(new DateOnly(2027, 2, 22));
        using var hr = await app.RunAsUserAsync(Data.Identity.Roles.HR);
        var (learner, _) = await app.RunAsEmployeeAsync();

        var log = System.Net.WebUtility.HtmlDecode(await hr.GetStringAsync($"/hr/reminders?date=2027-02-22&number={person.EmployeeNumber}"));
        var refused = await learner.GetAsync("/hr/reminders");

        Assert.Contains(person.Name, log, StringComparison.Ordinal);
        Assert.Contains("3営業日前", log, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_address_the_mail_server_refused_gets_the_notice_but_no_more_mail()
    {
        var team = await TeamAsync();
        var person = await EmployeeAsync(team.Section, team.Team);
        var enrollmentId = await EnrollAsync(person, Due);
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Employees.SingleAsync(e => e.Id == person.Id);
            tracked.MarkEmailUndeliverable("550 5.1.1 User unknown", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        await RunAsync(new DateOnly(2027, 2, 22));

        Assert.True(await app.WithDbAsync(db => db.ReminderDeliveries.AnyAsync(d => d.EnrollmentId == enrollmentId && d.StepKey == "before-3")));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == person.Id)));
        Assert.False(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.EmployeeId == person.Id)));
    }

    [Fact]
    public async Task The_mail_and_notice_arrive_as_written_with_line_breaks_tabs_and_backslashes()
    {
        var team = await TeamAsync();
        var person = await EmployeeAsync(team.Section, team.Team);
        var enrollmentId = await EnrollAsync(person, Due);
        var original = await app.WithDbAsync(db => db.MailTemplates.AsNoTracking().SingleAsync(t => t.Key == MailTemplateKeys.LearnerReminder));
        await SetLearnerTemplateAsync("【督促】\\{{ step }}", "{{ learner.name }} 様\r\n\t期限：{{ due_date }}\r\n保存先：C:\\研修\\{{ days_left }}日前\n\\N は空欄ではありません。");
        try
        {
            await RunAsync(new DateOnly(2027, 2, 22));
        }
        finally
        {
            await SetLearnerTemplateAsync(original.Subject, original.Body);
        }

        var delivery = await app.WithDbAsync(db => db.ReminderDeliveries.Include(d => d.Mail).SingleAsync(d => d.EnrollmentId == enrollmentId));
        var mail = Assert.IsType<OutboxMail>(delivery.Mail);
        Assert.Equal($"reminder:{enrollmentId}:before-3", mail.DedupKey);
        Assert.Equal("【督促】\\期限の3営業日前", mail.Subject);
        Assert.Equal($"{person.Name} 様\n\t期限：2027年2月26日\n保存先：C:\\研修\\4日前\n\\N は空欄ではありません。\n", mail.Body);
        Assert.Equal(person.Email, mail.ToAddress);
        Assert.Equal(OutboxStatus.Pending, mail.Status);
        var notice = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.EmployeeId == person.Id));
        Assert.Equal("「個人情報の適正な取扱い」の期限は 2027年2月26日 です（あと 4 日）。", notice.Text);
        Assert.Null(notice.ReadAtUtc);
        // The run's moment, 08:30 JST, stored as UTC on every row; the run day as a date.
        var runAt = new DateTime(2027, 2, 21, 23, 30, 0, DateTimeKind.Utc);
        Assert.Equal([runAt, runAt, runAt], [delivery.CreatedAtUtc, mail.CreatedAtUtc, notice.CreatedAtUtc]);
        Assert.Equal(new DateOnly(2027, 2, 22), delivery.RunDate);
    }

    private Task SetLearnerTemplateAsync(string subject, string body) => app.WithDbAsync(async db =>
    {
        var template = await db.MailTemplates.SingleAsync(t => t.Key == MailTemplateKeys.LearnerReminder);
        template.Update(subject, body, "test", DateTime.UtcNow);
        return await db.SaveChangesAsync();
    });

    /// <summary>The last migration before the enrollments carried a copy of their sent steps.</summary>
    private string StepsBeforeTheCopy => app.Kind == DatabaseKind.PostgreSQL ? "20261201031401_ReportRollups" : "20261201031354_ReportRollups";

    private async Task<IReadOnlyList<string>> CopiedStepsAsync(int enrollmentId) =>
        (await app.WithDbAsync(db => db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => EF.Property<string>(e, SentReminderSteps.Column)).SingleAsync()))
        .Split('|', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

    private async Task<ReminderJob.RunResult> RunAsync(DateOnly day)
    {
        var at = new DateTimeOffset(day.Year, day.Month, day.Day, 8, 30, 0, TimeSpan.FromHours(9));
        await using var scope = app.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(at));
        return await job.RunAsync();
    }

    private sealed record TestTeam(OrgUnit Section, OrgUnit Team);

    /// <summary>A 課 and 係 of this test's own, so managers and digests do not mix with other tests.</summary>
    private Task<TestTeam> TeamAsync() => app.WithDbAsync(async db =>
    {
        var code = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var department = new OrgUnit(code, "督促テスト部", OrgUnitKind.Department, null);
        var section = new OrgUnit(code + "-K", "督促テスト課", OrgUnitKind.Section, department);
        var team = new OrgUnit(code + "-K-T", "督促テスト係", OrgUnitKind.Team, section);
        db.OrgUnits.AddRange(department, section, team);
        await db.SaveChangesAsync();
        return new TestTeam(section, team);
    });

    private Task<Employee> EmployeeAsync(OrgUnit section, OrgUnit team, OrgUnit? heads = null) => app.WithDbAsync(async db =>
    {
        var number = Random.Shared.Next(800000, 899999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var level = await db.JobLevels.SingleAsync(l => l.Code == "kakariin");
        var unit = await db.OrgUnits.SingleAsync(u => u.Id == (heads == null ? team.Id : section.Id));
        var employee = new Employee(new EmployeeProfile(number, "督促　試験" + number, "トクソク　シケン", $"t{number}@example.lg.jp", unit, level,
            EmploymentType.Regular, null, new DateOnly(2020, 4, 1)));
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        if (heads is not null)
        {
            db.ManagerAssignments.Add(new ManagerAssignment(employee, unit));
            await db.SaveChangesAsync();
        }
        return employee;
    });

    private Task<int> EnrollAsync(Employee employee, DateOnly due) => app.WithDbAsync(async db =>
    {
        var courseId = await db.Courses.Where(c => c.Slug == "personal-information").Select(c => c.Id).SingleAsync();
        var tracked = await db.Employees.SingleAsync(e => e.Id == employee.Id);
        var enrollment = Enrollment.Assign(tracked, courseId, EnrollmentSource.HR, 0, DateTime.UtcNow, due);
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync();
        return enrollment.Id;
    });
}

public sealed class ReminderJobTestsOnSqlite(SqliteApp app) : ReminderJobTests<SqliteApp>(app);

public sealed class ReminderJobTestsOnPostgres(PostgresApp app) : ReminderJobTests<PostgresApp>(app);
