using Meguro.Learning.Data;
using Meguro.Learning.Jobs.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Jobs.Reminders;

/// <summary>
/// Reminders in the words HR wrote (the stored Liquid templates). The templates are read once per
/// job run (this class is scoped), not once per mail: a run over 100k enrollments stays a few queries.
/// A stored template was validated when saved; should it still fail, the shipped text is used.
/// </summary>
public sealed class TemplateReminderMailComposer(LearningDbContext db, MailTemplateEngine engine, IOptions<MailOptions> options, ILogger<TemplateReminderMailComposer> logger)
    : IReminderMailComposer
{
    private Dictionary<string, (string Subject, string Body, int Revision)>? _stored;

    public ComposedMail Compose(LearnerReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var site = new MailSite(options.Value.SiteUrl.TrimEnd('/'));
        var model = new LearnerReminderModel(
            new MailPerson(reminder.LearnerName),
            new MailCourse(reminder.CourseTitle, site.Url + reminder.CourseUrl),
            MailTemplateEngine.FormatDate(reminder.DueDate), reminder.DaysLeft, reminder.StepLabel, site);
        return Render(MailTemplateKeys.LearnerReminder, model);
    }

    public ComposedMail Compose(ManagerDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var site = new MailSite(options.Value.SiteUrl.TrimEnd('/'));
        var items = digest.Items.Select(i => new Mail.DigestItem(i.Name, i.OrgUnit, i.CourseTitle, MailTemplateEngine.FormatDate(i.DueDate), i.DaysOverdue)).ToList();
        return Render(MailTemplateKeys.ManagerDigest, new ManagerDigestModel(new MailPerson(digest.ManagerName), digest.Level, items, site));
    }

    private ComposedMail Render(string key, object model)
    {
        _stored ??= db.MailTemplates.AsNoTracking().ToList().ToDictionary(t => t.Key, t => (t.Subject, t.Body, t.Revision), StringComparer.Ordinal);
        if (_stored.TryGetValue(key, out var stored))
        {
            try
            {
                var mail = engine.Render(key, stored.Revision, stored.Subject, stored.Body, model);
                return new ComposedMail(mail.Subject, mail.Body);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Fluid.ParseException or ArgumentException)
            {
                logger.LogError(ex, "Mail template {Key} revision {Revision} could not be rendered; the shipped text is used", key, stored.Revision);
            }
        }
        var fallback = MailTemplateDefaults.Find(key)!;
        var rendered = engine.Render(key, 0, fallback.Subject, fallback.Body, model);
        return new ComposedMail(rendered.Subject, rendered.Body);
    }
}
