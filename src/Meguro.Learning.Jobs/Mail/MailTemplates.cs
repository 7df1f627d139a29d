using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Jobs.Mail;

/// <summary>
/// The templates HR edits, as the reminder job uses them: <see cref="Render"/> turns a key and a model
/// into subject and body. Stored text was validated when saved; should it still fail (edited in the
/// database by hand), the shipped default is used and the problem logged, so a reminder is never lost
/// to a template.
/// </summary>
public sealed class MailTemplates(LearningDbContext db, MailTemplateEngine engine, TimeProvider clock, ILogger<MailTemplates> logger)
{
    public const string SeedActor = "システム（既定の文面）";

    /// <summary>
    /// Renders the stored template <paramref name="key"/> (see <see cref="MailTemplateKeys"/>) with
    /// <paramref name="model"/> (<see cref="LearnerReminderModel"/>, <see cref="ManagerDigestModel"/>,
    /// or a dictionary with the same snake_case keys).
    /// </summary>
    public RenderedMail Render(string key, object model)
    {
        var definition = MailTemplateDefaults.Find(key) ?? throw new ArgumentException($"Unknown mail template key '{key}'.", nameof(key));
        var stored = db.MailTemplates.AsNoTracking().Where(t => t.Key == key)
            .Select(t => new { t.Subject, t.Body, t.Revision }).SingleOrDefault();
        if (stored is not null)
        {
            try
            {
                return engine.Render(key, stored.Revision, stored.Subject, stored.Body, model);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Fluid.ParseException or ArgumentException)
            {
                logger.LogError(ex, "Mail template {Key} revision {Revision} could not be rendered; the default text is used", key, stored.Revision);
            }
        }
        return engine.Render(key, 0, definition.Subject, definition.Body, model);
    }

    /// <summary>Adds the shipped text for every key that has no row yet; existing (HR-edited) rows stay.</summary>
    public async Task<int> SeedDefaultsAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.MailTemplates.Select(t => t.Key).ToListAsync(cancellationToken);
        var missing = MailTemplateDefaults.All.Where(d => !existing.Contains(d.Key)).ToList();
        foreach (var definition in missing)
        {
            db.MailTemplates.Add(new MailTemplate(definition.Key, definition.Subject, definition.Body, SeedActor, clock.GetUtcNow().UtcDateTime));
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }
}
