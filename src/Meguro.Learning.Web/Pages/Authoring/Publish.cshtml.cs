using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// Publishing a draft: first the full check (a dry run, nothing changes), then the button. Publishing
/// goes through the same importer as content/, so a draft with any issue is never published.
/// </summary>
public sealed class PublishModel(LearningDbContext db, CourseDrafts drafts, CourseImporter importer) : PageModel
{
    public const string Unchanged = "変更がないため、新しい版は作成されませんでした。";

    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty] public int Revision { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public ParsedCourse? Check { get; private set; }
    public IReadOnlyList<ContentIssue> Issues { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Workspace.Draft is not null)
        {
            Check = await importer.CheckAsync(Slug, await drafts.FileSetAsync(Workspace.Files, Workspace.Media, ct), cancellationToken: ct);
            Issues = Check.Issues;
        }
        Revision = Workspace.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var draft = Workspace.Draft;
        if (draft is null)
        {
            Message = Unchanged;
            return Redirect($"/authoring/{Slug}/publish");
        }
        if (draft.Revision != Revision)
        {
            Error = CourseDraft.StaleMessage;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await OnGetAsync(ct);
        }
        var files = await drafts.FileSetAsync(Workspace.Files, Workspace.Media, ct);
        var result = await importer.PublishAsync(Slug, files, User.Identity!.Name!, CourseOrigin.Editor, ct);
        if (result.Outcome == CourseImportOutcome.Failed)
        {
            Issues = result.Issues;
            Error = "問題があるため公開しませんでした。下の一覧を直してから、もう一度公開してください。";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        // The draft is now the published version (or was equal to it): it is done with.
        db.ChangeTracker.Clear();
        if (await drafts.FindDraftAsync(Slug, ct) is { } done)
        {
            db.CourseDrafts.Remove(done);
            await db.SaveChangesAsync(ct);
        }
        Message = result.Outcome == CourseImportOutcome.Unchanged
            ? Unchanged
            : $"第{result.VersionNumber}版として公開しました。受講者には次に開いたときから新しい内容が表示されます。";
        return Redirect($"/authoring/{Slug}/versions");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var workspace = await drafts.LoadAsync(Slug, ct);
        if (workspace is null) return false;
        Workspace = workspace;
        return true;
    }
}
