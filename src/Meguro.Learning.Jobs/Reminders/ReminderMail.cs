namespace Meguro.Learning.Jobs.Reminders;

/// <summary>One overdue person in a manager's digest.</summary>
public sealed record DigestItem(string Name, string OrgUnit, string CourseTitle, DateOnly DueDate, int DaysOverdue);

/// <summary>What a learner's reminder says; the template decides how.</summary>
public sealed record LearnerReminder(string LearnerName, string CourseTitle, string CourseUrl, DateOnly DueDate, int DaysLeft, string StepLabel);

/// <summary>
/// 所属長への一覧: one mail per manager per day. <see cref="Level"/> 1 = the manager's own staff (7 days
/// overdue), 2 = staff of the managers below (30 days overdue).
/// </summary>
public sealed record ManagerDigest(string ManagerName, int Level, IReadOnlyList<DigestItem> Items);

/// <summary>A mail ready for the outbox.</summary>
public sealed record ComposedMail(string Subject, string Body);

/// <summary>Turns reminders into mail text with the templates HR edits (implemented by the mail module).</summary>
public interface IReminderMailComposer
{
    ComposedMail Compose(LearnerReminder reminder);

    ComposedMail Compose(ManagerDigest digest);
}
