using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.MailOutbox;

public sealed class DetailsModel(LearningDbContext db) : PageModel
{
    public OutboxMail Mail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var mail = await db.OutboxMails.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (mail is null)
        {
            return NotFound();
        }
        Mail = mail;
        return Page();
    }
}
