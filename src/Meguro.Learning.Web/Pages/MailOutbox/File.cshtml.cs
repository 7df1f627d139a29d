using Meguro.Learning.Jobs.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.MailOutbox;

/// <summary>Downloads one .eml from the pickup folder; any other name is 404.</summary>
public sealed class FileModel(IOptions<MailOptions> mail) : PageModel
{
    public IActionResult OnGet(string name)
    {
        var path = mail.Value.Transport == MailTransportKind.Pickup ? PickupFolder.Find(mail.Value, name) : null;
        return path is null ? NotFound() : PhysicalFile(path, "message/rfc822", name);
    }
}
