using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Jobs.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.Hr.MailTemplates;

/// <summary>
/// Real enrollments HR can preview a template with, and the model each template key would get for
/// one of them — the same shape the reminder job passes to <see cref="Jobs.Mail.MailTemplates.Render"/>.
/// </summary>
public sealed class PreviewEnrollments(LearningDbContext db, IOptions<MailOptions> mail, TimeProvider clock)
{
    public const int Limit = 50;

    public sealed record Choice(int Id, string Label);

    private sealed record Facts(int Id, string Name, string OrgUnit, string Slug, string Title, DateOnly DueDate, string? Manager);

    /// <summary>Up to 50 recently assigned active enrollments that have a due date.</summary>
    public async Task<IReadOnlyList<Choice>> RecentAsync(CancellationToken ct)
    {
        var rows = await Query(null).Take(Limit).ToListAsync(ct);
        return rows.Select(f => new Choice(f.Id, $"{f.Name}（{f.OrgUnit}）— {f.Title}・期限 {MailTemplateEngine.FormatDate(f.DueDate)}")).ToList();
    }

    /// <summary>The model for <paramref name="key"/> built from enrollment <paramref name="enrollmentId"/>, or null if there is no such enrollment.</summary>
    public async Task<object?> ModelAsync(string key, int enrollmentId, CancellationToken ct)
    {
        var f = await Query(enrollmentId).SingleOrDefaultAsync(ct);
        if (f is null)
        {
            return null;
        }
        var site = new MailSite(mail.Value.SiteUrl.TrimEnd('/'));
        var daysLeft = f.DueDate.DayNumber - Jst.Today(clock).DayNumber;
        var due = MailTemplateEngine.FormatDate(f.DueDate);
        if (key == MailTemplateKeys.ManagerDigest)
        {
            var item = new DigestItem(f.Name, f.OrgUnit, f.Title, due, Math.Max(0, -daysLeft));
            return new ManagerDigestModel(new MailPerson(f.Manager ?? "（所属長）"), 1, [item], site);
        }
        var step = daysLeft switch { < 0 => "期限超過", 0 => "当日", _ => $"{daysLeft}日前" };
        return new LearnerReminderModel(new MailPerson(f.Name), new MailCourse(f.Title, $"{site.Url}/courses/{f.Slug}"), due, daysLeft, step, site);
    }

    /// <summary>Newest first; one enrollment when <paramref name="enrollmentId"/> is given.</summary>
    private IQueryable<Facts> Query(int? enrollmentId) =>
        from e in db.Enrollments.AsNoTracking()
        where e.Status == EnrollmentStatus.Active && e.DueDate != null && (enrollmentId == null || e.Id == enrollmentId)
        join c in db.Courses on e.CourseId equals c.Id
        join v in db.CourseVersions on new { CourseId = c.Id, Number = c.PublishedVersionNumber } equals new { v.CourseId, Number = (int?)v.Number }
        orderby e.Id descending
        select new Facts(e.Id, e.Employee.Name, e.Employee.OrgUnit.Name, c.Slug, v.Title, e.DueDate!.Value,
            db.ManagerAssignments.Where(m => m.OrgUnitId == e.Employee.OrgUnitId).Select(m => m.Employee.Name).FirstOrDefault());
}
