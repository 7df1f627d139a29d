using Meguro.Learning.Data;
using Meguro.Learning.Jobs.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.MailTemplates;

public sealed class IndexModel(LearningDbContext db) : PageModel
{
    public sealed record Row(string Key, string Name, string Subject, int Revision, string UpdatedBy, DateTime UpdatedAtUtc);

    public IReadOnlyList<Row> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var stored = await db.MailTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, ct);
        Templates = MailTemplateDefaults.All
            .Where(d => stored.ContainsKey(d.Key))
            .Select(d =>
            {
                var t = stored[d.Key];
                return new Row(d.Key, d.Name, t.Subject, t.Revision, t.UpdatedBy, t.UpdatedAtUtc);
            })
            .ToList();
    }
}
