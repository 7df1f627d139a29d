using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Reminders;

namespace Meguro.Learning.Jobs.Reminders;

/// <summary>Who a learner reminder goes to and which open course it is about.</summary>
public sealed record LearnerReminderSubject(
    int EnrollmentId, int EmployeeId, string EmployeeName, string Email, bool EmailUndeliverable, DateOnly DueDate, string CourseTitle, string CourseSlug);

/// <summary>The rows one learner reminder consists of; no mail when the address is known to be undeliverable.</summary>
public sealed record LearnerReminderRows(ReminderDelivery Delivery, Notification Notice, OutboxMail? Mail);

/// <summary>
/// The three rows one learner reminder consists of — the delivery record whose unique key (enrollment,
/// step) makes it exactly-once, the in-app notice and the mail — made the same way by the daily job
/// and by a manager's 「今すぐ督促」, so both say the same thing in the template HR wrote.
/// </summary>
public static class LearnerReminderWriter
{
    /// <summary>The rows, not yet written; the delivery refers to its mail, so they are written together.</summary>
    public static LearnerReminderRows Create(
        IReminderMailComposer composer, LearnerReminderSubject subject, string stepKey, string stepLabel, DateOnly today, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(composer);
        ArgumentNullException.ThrowIfNull(subject);
        var daysLeft = subject.DueDate.DayNumber - today.DayNumber;
        var key = $"reminder:{subject.EnrollmentId}:{stepKey}";
        var url = $"/courses/{subject.CourseSlug}";
        var delivery = new ReminderDelivery(subject.EnrollmentId, stepKey, ReminderRecipient.Learner, subject.EmployeeId, today, nowUtc);
        var notice = new Notification(subject.EmployeeId, key, NoticeText(subject.CourseTitle, subject.DueDate, daysLeft), url, nowUtc);
        if (subject.EmailUndeliverable)
        {
            // The server refused this address for good (shown to HR at /hr/mail-problems): the notice
            // in the app still reaches the person; a mail would only fail again.
            return new LearnerReminderRows(delivery, notice, null);
        }
        var mail = composer.Compose(new LearnerReminder(subject.EmployeeName, subject.CourseTitle, url, subject.DueDate, daysLeft, stepLabel));
        var outbox = new OutboxMail(key, "reminder-learner", subject.EmployeeId, subject.Email, subject.EmployeeName, mail.Subject, mail.Body, nowUtc);
        delivery.CarriedBy(outbox);
        return new LearnerReminderRows(delivery, notice, outbox);
    }

    /// <summary>
    /// Adds the rows to <paramref name="db"/> without saving (the mail comes with the delivery, through its
    /// navigation): one SaveChanges writes all three in one transaction.
    /// </summary>
    public static void Add(
        LearningDbContext db, IReminderMailComposer composer, LearnerReminderSubject subject, string stepKey, string stepLabel, DateOnly today, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = Create(composer, subject, stepKey, stepLabel, today, nowUtc);
        db.ReminderDeliveries.Add(rows.Delivery);
        db.Notifications.Add(rows.Notice);
    }

    private static string NoticeText(string title, DateOnly due, int daysLeft) => daysLeft switch
    {
        > 0 => $"「{title}」の期限は {due:yyyy年M月d日} です（あと {daysLeft} 日）。",
        0 => $"「{title}」の期限は今日（{due:yyyy年M月d日}）です。",
        _ => $"「{title}」の期限（{due:yyyy年M月d日}）を {-daysLeft} 日過ぎています。",
    };
}
