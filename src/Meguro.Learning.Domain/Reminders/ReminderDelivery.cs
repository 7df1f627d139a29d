using Meguro.Learning.Domain.Messaging;

namespace Meguro.Learning.Domain.Reminders;

/// <summary>
/// The record that one reminder step of one enrollment has been handled. The database's unique key
/// (enrollment, step) is what makes reminders exactly-once: a rerun, a crash mid-run or a second app
/// node inserting the same row fails, and only the run that inserted it queues the mail.
/// </summary>
public class ReminderDelivery
{
    private ReminderDelivery() { }

    public ReminderDelivery(int enrollmentId, string stepKey, ReminderRecipient recipient, int recipientEmployeeId, DateOnly runDate, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepKey);
        EnrollmentId = enrollmentId;
        StepKey = stepKey;
        Recipient = recipient;
        RecipientEmployeeId = recipientEmployeeId;
        RunDate = runDate;
        CreatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int EnrollmentId { get; private set; }
    public string StepKey { get; private set; } = "";
    public ReminderRecipient Recipient { get; private set; }

    /// <summary>The learner, or the manager who gets the digest.</summary>
    public int RecipientEmployeeId { get; private set; }

    public DateOnly RunDate { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The mail that carried it (a learner reminder, or the manager's digest of the day).</summary>
    public long? OutboxMailId { get; private set; }

    /// <summary>The mail itself, when it is written together with this record.</summary>
    public OutboxMail? Mail { get; private set; }

    /// <summary>
    /// Carried by a mail that is saved in the same unit of work: the database writes the mail first
    /// and this record with its id, so a batch of reminders is one round of inserts, not inserts
    /// followed by an update of every record.
    /// </summary>
    public void CarriedBy(OutboxMail mail) => Mail = mail ?? throw new ArgumentNullException(nameof(mail));
}
