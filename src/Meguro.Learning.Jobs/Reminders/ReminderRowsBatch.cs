using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Reminders;

namespace Meguro.Learning.Jobs.Reminders;

/// <summary>
/// The rows one batch of the daily run writes — delivery records, notices and mails — and how they
/// are written: with COPY on PostgreSQL (a day at national scale is tens of thousands of rows, and
/// EF's tracking and per-row INSERTs were most of the run's time), through EF otherwise. Either way
/// inside the caller's transaction, together with the enrollments' copy of their sent steps.
/// </summary>
internal sealed class ReminderRowsBatch
{
    private readonly List<ReminderDelivery> _deliveries = [];
    private readonly List<Notification> _notices = [];

    public void Add(LearnerReminderRows rows)
    {
        _deliveries.Add(rows.Delivery);
        _notices.Add(rows.Notice);
    }

    /// <summary>An escalation: recorded now, carried by the manager's digest at the end of the run.</summary>
    public void Add(ReminderDelivery escalation) => _deliveries.Add(escalation);

    /// <summary>Writes the rows and notes the steps on their enrollments; the caller commits.</summary>
    public async Task WriteAsync(LearningDbContext db, CancellationToken cancellationToken)
    {
        if (PostgresEntityCopy.CanCopy(db, typeof(OutboxMail), typeof(Notification), typeof(ReminderDelivery)))
        {
            // The mails get their keys first, so each delivery can be copied already pointing at its mail.
            var mails = _deliveries.Where(d => d.Mail is not null).Select(d => d.Mail!).ToList();
            var keys = await PostgresEntityCopy.NewKeysAsync<OutboxMail>(db, mails.Count, cancellationToken);
            var mailKeys = new Dictionary<object, long>(mails.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < mails.Count; i++)
            {
                mailKeys[mails[i]] = keys[i];
            }
            await PostgresEntityCopy.WriteAsync(db, mails, keys, null, cancellationToken);
            await PostgresEntityCopy.WriteAsync(db, _notices, null, null, cancellationToken);
            await PostgresEntityCopy.WriteAsync(db, _deliveries, null, mailKeys, cancellationToken);
        }
        else
        {
            // A delivery brings its mail along through its navigation.
            db.ReminderDeliveries.AddRange(_deliveries);
            db.Notifications.AddRange(_notices);
            await db.SaveChangesAsync(cancellationToken);
        }
        await SentReminderSteps.NoteAsync(db, _deliveries.Select(d => (d.EnrollmentId, d.StepKey)), cancellationToken);
    }
}
