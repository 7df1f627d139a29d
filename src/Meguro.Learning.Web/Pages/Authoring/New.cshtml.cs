using Meguro.Learning.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>Starts a new course: a draft with a template course.md and one lesson, not visible to learners until published.</summary>
public sealed class NewModel(CourseDrafts drafts) : PageModel
{
    [BindProperty] public string Slug { get; set; } = "";
    [BindProperty] public string Title { get; set; } = "";
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var draft = await drafts.CreateAsync((Slug ?? "").Trim(), Title ?? "", User.Identity!.Name!, ct);
            TempData["Message"] = "新しいコースの下書きを作成しました。内容を書いて、確認してから公開してください。";
            return Redirect($"/authoring/{draft.Slug}");
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
