using System.Globalization;

namespace Meguro.Learning.Jobs.Mail;

/// <summary>Subject and plain-text body of one mail, ready for the outbox.</summary>
public sealed record RenderedMail(string Subject, string Body);

/// <summary>A person as a template sees them: <c>learner.name</c>, <c>manager.name</c>.</summary>
public sealed record MailPerson(string Name);

/// <summary><c>course.title</c>, <c>course.url</c>.</summary>
public sealed record MailCourse(string Title, string Url);

/// <summary><c>site.url</c>: the address staff open inside LGWAN.</summary>
public sealed record MailSite(string Url);

/// <summary>
/// The model of <see cref="MailTemplateKeys.LearnerReminder"/>. Dates are already formatted in
/// Japanese (<see cref="MailTemplateEngine.FormatDate"/>) so HR never has to write a date filter.
/// </summary>
public sealed record LearnerReminderModel(MailPerson Learner, MailCourse Course, string DueDate, int DaysLeft, string Step, MailSite Site);

/// <summary>One overdue person in a manager's digest.</summary>
public sealed record DigestItem(string Name, string OrgUnit, string CourseTitle, string DueDate, int DaysOverdue);

/// <summary>
/// The model of <see cref="MailTemplateKeys.ManagerDigest"/>. <see cref="Level"/> 1 lists the manager's
/// direct staff, 2 the staff of the units below them (escalation).
/// </summary>
public sealed record ManagerDigestModel(MailPerson Manager, int Level, IReadOnlyList<DigestItem> Items, MailSite Site);

public static class MailTemplateKeys
{
    public const string LearnerReminder = "reminder-learner";
    public const string ManagerDigest = "digest-manager";

    public static readonly IReadOnlyList<string> All = [LearnerReminder, ManagerDigest];
}

/// <summary>What HR sees for each template: its name and the variables it may use.</summary>
public sealed record MailTemplateDefinition(string Key, string Name, string Subject, string Body, IReadOnlyList<string> Variables)
{
    /// <summary>Root names a template may read (the part before the first dot).</summary>
    public IReadOnlySet<string> Roots { get; } =
        Variables.Select(v => v.Split('.', '[')[0]).ToHashSet(StringComparer.Ordinal);

    internal static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
