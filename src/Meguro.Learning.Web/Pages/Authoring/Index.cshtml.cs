using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Authoring;

public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
