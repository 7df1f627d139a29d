using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.MailOutbox;

/// <summary>送信メール: the outbox, newest first, and in pickup mode the .eml files written.</summary>
public sealed class IndexModel(LearningDbContext db, IOptions<MailOptions> mail) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }
    public IReadOnlyList<OutboxMail> Mails { get; private set; } = [];
    public bool HasMore { get; private set; }
    public bool IsPickup => mail.Value.Transport == MailTransportKind.Pickup;
    public IReadOnlyList<PickupFolder.EmlFile> Files { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        var query = db.OutboxMails.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }
        var page = await query.OrderByDescending(m => m.Id).Skip(Skip).Take(PageSize + 1).ToListAsync(ct);
        HasMore = page.Count > PageSize;
        Mails = page.Take(PageSize).ToList();
        if (IsPickup)
        {
            Files = PickupFolder.List(mail.Value, PageSize);
        }
    }

    public string PageUrl(int skip) => $"?skip={skip}" + (Status is { } s ? $"&status={s}" : "");
}
