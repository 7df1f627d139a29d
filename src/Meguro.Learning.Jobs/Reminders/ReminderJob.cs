using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Calendar;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Operations;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Meguro.Learning.Jobs.Reminders;

/// <summary>
/// 督促. Runs daily at 08:30 JST and does nothing on a day that is not a business day. Set-based: one
/// query finds the open enrollments that may still have a step due today (which step is due depends
/// only on the due date, so the database can tell), each batch of them is loaded with what it was
/// sent, the schedule decides in memory, and rows are written per batch. Exactly once: each (enrollment, step) is a row
/// with a unique key, written in the same transaction as the mail it causes; a second node or a rerun
/// that collides rolls its batch back, re-reads what was sent and continues, so it resumes where a
/// crashed run stopped. Escalations become one digest mail per manager per day.
/// </summary>
public sealed class ReminderJob(LearningDbContext db, BusinessCalendar calendar, IReminderMailComposer composer, TimeProvider clock, ILogger<ReminderJob> logger)
{
    public const string RecurringJobId = "reminders";
    public const int BatchSize = 1000;

    /// <summary>Due dates further away than this cannot have a reminder yet (14 business days is at most ~24 calendar days).</summary>
    private const int LookAheadDays = 40;

    public sealed record RunResult(bool BusinessDay, int LearnerReminders, int Escalations, int Digests);

    private sealed record OpenEnrollment(int Id, int EmployeeId, DateOnly DueDate, int CourseId, string EmployeeName, string Email, bool EmailUndeliverable, string OrgPath, string OrgName);

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var today = Jst.Today(clock);
        if (!calendar.IsBusinessDay(today))
        {
            await RecordRunAsync($"{today:yyyy-MM-dd} は営業日ではないため、督促はありません。", cancellationToken);
            return new RunResult(false, 0, 0, 0);
        }
        var horizon = today.AddDays(LookAheadDays);
        var candidates = await StillToSendAsync(today, horizon, cancellationToken);
        var courses = await CourseTitlesAsync(cancellationToken);
        var leave = await LeaveAsync(today, cancellationToken);
        var managers = await ManagerLookup.LoadAsync(db, cancellationToken);

        var learner = 0;
        var escalations = 0;
        foreach (var ids in candidates.Chunk(BatchSize))
        {
            var batch = await OpenEnrollmentsAsync(ids, cancellationToken);
            var (l, e) = await WriteBatchAsync(batch, today, courses, leave, managers, cancellationToken);
            learner += l;
            escalations += e;
        }
        var digests = await SendDigestsAsync(today, courses, cancellationToken);
        await RecordRunAsync($"{today:yyyy-MM-dd}: 受講者への督促 {learner} 件、所属長への報告 {escalations} 件（一覧メール {digests} 通）。", cancellationToken);
        logger.LogInformation("Reminders {Date}: {Learner} learner reminders, {Escalations} escalations in {Digests} digests", today, learner, escalations, digests);
        return new RunResult(true, learner, escalations, digests);
    }

    /// <summary>
    /// The ids of the open enrollments that may have a step due today that they were not sent. Which
    /// step is due depends on the due date alone (<see cref="ReminderSchedule.StepsDueByDueDate"/>), and
    /// each enrollment row carries a copy of the steps it was sent (<see cref="SentReminderSteps"/>), so
    /// this is one read of the enrollments in the due-date index's range, joined with nothing: a rerun
    /// of a finished day reads them and finds nothing to do. The schedule still decides for each id
    /// returned, against the deliveries themselves.
    /// </summary>
    private async Task<List<int>> StillToSendAsync(DateOnly today, DateOnly horizon, CancellationToken cancellationToken)
    {
        var firstDue = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && e.DueDate != null).MinAsync(e => e.DueDate, cancellationToken);
        if (firstDue is not { } first)
        {
            return [];
        }
        var ranges = new ReminderSchedule(calendar).StepsDueByDueDate(first, horizon, today);
        if (ranges.Count == 0)
        {
            return [];
        }
        var (from, to) = (ranges.Min(r => r.FirstDue), ranges.Max(r => r.LastDue));
        return await db.Enrollments
            .Where(e => e.Status == EnrollmentStatus.Active && e.DueDate >= from && e.DueDate <= to)
            .Where(SentReminderSteps.StepDueAndNotNoted(ranges.Select(r => (r.StepKey, r.FirstDue, r.LastDue))))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>What a batch of candidates needs to be written: the person, their unit and address.</summary>
    private async Task<OpenEnrollment[]> OpenEnrollmentsAsync(int[] ids, CancellationToken cancellationToken) =>
        await db.Enrollments.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.Status == EnrollmentStatus.Active && e.DueDate != null && e.Employee.IsActive)
            .OrderBy(e => e.Id)
            .Select(e => new OpenEnrollment(e.Id, e.EmployeeId, e.DueDate!.Value, e.CourseId, e.Employee.Name, e.Employee.Email, e.Employee.EmailProblem != null, e.Employee.OrgUnit.Path, e.Employee.OrgUnit.Name))
            .ToArrayAsync(cancellationToken);

    /// <summary>One batch in one transaction; on a collision with another run, re-read and retry once more per attempt.</summary>
    private async Task<(int Learner, int Escalations)> WriteBatchAsync(
        OpenEnrollment[] batch, DateOnly today, IReadOnlyDictionary<int, (string Title, string Slug)> courses,
        IReadOnlyDictionary<int, LeaveHistory> leave, ManagerLookup managers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ids = batch.Select(e => e.Id).ToList();
            var sent = (await db.ReminderDeliveries.AsNoTracking()
                    .Where(d => ids.Contains(d.EnrollmentId)).Select(d => new { d.EnrollmentId, d.StepKey }).ToListAsync(cancellationToken))
                .ToLookup(d => d.EnrollmentId, d => d.StepKey);
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = new ReminderRowsBatch();
            var learner = 0;
            var escalations = 0;
            var schedule = new ReminderSchedule(calendar);
            foreach (var enrollment in batch)
            {
                var history = leave.GetValueOrDefault(enrollment.EmployeeId, LeaveHistory.None);
                var already = sent[enrollment.Id].ToHashSet(StringComparer.Ordinal);
                foreach (var step in schedule.StepsToSend(enrollment.DueDate, today, already, history))
                {
                    if (step.Recipient == ReminderRecipient.Learner)
                    {
                        rows.Add(LearnerReminder(enrollment, step, today, courses, now));
                        learner++;
                    }
                    else if (managers.For(enrollment.OrgPath, enrollment.EmployeeId, step.Recipient == ReminderRecipient.Manager ? 1 : 2) is { } managerId)
                    {
                        rows.Add(new ReminderDelivery(enrollment.Id, step.Key, step.Recipient, managerId, today, now));
                        escalations++;
                    }
                    else
                    {
                        // Nobody to escalate to (no 所属長 recorded above the person): recorded so the log shows it.
                        rows.Add(new ReminderDelivery(enrollment.Id, step.Key, step.Recipient, enrollment.EmployeeId, today, now));
                    }
                }
            }
            try
            {
                // One transaction: steps, mails, notices and the enrollments' copy of their steps commit
                // together, or not at all.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await rows.WriteAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (learner, escalations);
            }
            catch (Exception ex) when (attempt < 3 && IsCollision(ex))
            {
                // Another node wrote some of these steps first: its rows stand; redo the batch without them.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A unique key another run took first: EF reports it on save, PostgreSQL's COPY directly.</summary>
    private static bool IsCollision(Exception ex) =>
        ex is DbUpdateException || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private LearnerReminderRows LearnerReminder(OpenEnrollment enrollment, ReminderStep step, DateOnly today,
        IReadOnlyDictionary<int, (string Title, string Slug)> courses, DateTime now)
    {
        var (title, slug) = courses.GetValueOrDefault(enrollment.CourseId, ("（公開されていないコース）", ""));
        var subject = new LearnerReminderSubject(
            enrollment.Id, enrollment.EmployeeId, enrollment.EmployeeName, enrollment.Email, enrollment.EmailUndeliverable, enrollment.DueDate, title, slug);
        return LearnerReminderWriter.Create(composer, subject, step.Key, StepLabel(step), today, now);
    }

    private static string StepLabel(ReminderStep step) => step.Kind switch
    {
        ReminderStepKind.Before14 => "期限の14営業日前",
        ReminderStepKind.Before3 => "期限の3営業日前",
        ReminderStepKind.DueDay => "期限当日",
        _ => "期限超過",
    };

    /// <summary>
    /// One digest per manager and level for today's escalations that no mail carries yet. A rerun finds
    /// them carried; two nodes collide on the digest's unique key and the loser leaves it to the winner.
    /// </summary>
    private async Task<int> SendDigestsAsync(DateOnly today, IReadOnlyDictionary<int, (string Title, string Slug)> courses, CancellationToken cancellationToken)
    {
        // Untracked: each digest saves only its own mail and notice, and links its steps with one
        // UPDATE. Tracking every waiting step made each save rescan all of them (a run with 200
        // managers to tell took 30 s for 1,000 enrollments).
        var waiting = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.RunDate == today && d.OutboxMailId == null && d.Recipient != ReminderRecipient.Learner)
            .ToListAsync(cancellationToken);
        var enrollmentIds = waiting.Select(d => d.EnrollmentId).Distinct().ToList();
        var details = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.CourseId, e.DueDate, e.EmployeeId, e.Employee.Name, Org = e.Employee.OrgUnit.Name })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var recipients = waiting.Select(d => d.RecipientEmployeeId).Distinct().ToList();
        var people = await db.Employees.AsNoTracking().Where(e => recipients.Contains(e.Id))
            .Select(e => new { e.Id, e.Name, e.Email }).ToDictionaryAsync(e => e.Id, cancellationToken);
        var digests = 0;
        foreach (var group in waiting.GroupBy(d => (d.RecipientEmployeeId, d.Recipient)))
        {
            var (managerId, recipient) = group.Key;
            var level = recipient == ReminderRecipient.Manager ? 1 : 2;
            if (!people.TryGetValue(managerId, out var manager) || group.All(d => details[d.EnrollmentId].EmployeeId == managerId))
            {
                continue;
            }
            var items = group.Select(d => details[d.EnrollmentId])
                .Select(e => new DigestItem(e.Name, e.Org, courses.GetValueOrDefault(e.CourseId).Title ?? "", e.DueDate!.Value, today.DayNumber - e.DueDate!.Value.DayNumber))
                .OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
            var mail = composer.Compose(new ManagerDigest(manager.Name, level, items));
            var now = clock.GetUtcNow().UtcDateTime;
            var key = $"digest:{managerId}:{today:yyyyMMdd}:{level}";
            var outbox = new OutboxMail(key, "digest-manager", managerId, manager.Email, manager.Name, mail.Subject, mail.Body, now);
            db.OutboxMails.Add(outbox);
            db.Notifications.Add(new Notification(managerId, key, $"期限を過ぎた職員が {items.Count} 名います（{(level == 1 ? "所属の職員" : "下位の所属の職員")}）。", "/manager", now));
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                var steps = group.Select(d => d.Id).ToList();
                await db.ReminderDeliveries.Where(d => steps.Contains(d.Id) && d.OutboxMailId == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.OutboxMailId, outbox.Id), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                digests++;
            }
            catch (DbUpdateException)
            {
                // Another node sent this manager's digest for today (its mail's key is taken).
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return digests;
    }

    private async Task<IReadOnlyDictionary<int, (string Title, string Slug)>> CourseTitlesAsync(CancellationToken cancellationToken) =>
        (await db.CourseVersions.AsNoTracking()
            .Where(v => v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new { v.CourseId, v.Title, v.Course.Slug }).ToListAsync(cancellationToken))
        .ToDictionary(v => v.CourseId, v => (v.Title, v.Slug));

    private async Task<IReadOnlyDictionary<int, LeaveHistory>> LeaveAsync(DateOnly today, CancellationToken cancellationToken) =>
        (await db.EmployeeLeaves.AsNoTracking()
            .Where(l => l.Start <= today && (l.End == null || l.End >= today))
            .Select(l => new { l.EmployeeId, l.Kind, l.Start, l.End }).ToListAsync(cancellationToken))
        .GroupBy(l => l.EmployeeId)
        .ToDictionary(g => g.Key, g => new LeaveHistory(g.Select(l => new LeavePeriod(l.Kind, l.Start, l.End))));

    /// <summary>
    /// Notes the run for the admin page. Two nodes finishing their first run at once both find no
    /// row and both insert it; the loser then updates the row the winner wrote instead of failing a
    /// run whose reminders are already committed.
    /// </summary>
    private async Task RecordRunAsync(string result, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var run = await db.JobRuns.FindAsync([RecurringJobId], cancellationToken);
            if (run is null)
            {
                run = new JobRun(RecurringJobId);
                db.JobRuns.Add(run);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            run.Started(now);
            run.Succeeded(now, result);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Inserted by another run meanwhile: read it and update it.
            }
        }
    }
}
