using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// The editor of one course: pick a file, edit its Markdown, preview it through the learner's
/// pipeline, save the draft (refused when someone else saved first), add or delete lessons.
/// </summary>
public sealed class EditorModel(LearningDbContext db, CourseDrafts drafts, AuditLog audit) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";

    /// <summary>The file being edited (course.md by default).</summary>
    [BindProperty(SupportsGet = true, Name = "file")] public string? FilePath { get; set; }

    [BindProperty] public string Text { get; set; } = "";
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string NewLessonSlug { get; set; } = "";
    [BindProperty] public string NewLessonTitle { get; set; } = "";

    public CourseWorkspace Workspace { get; private set; } = null!;
    public EditorFile? Current { get; private set; }
    public DraftPreview? Preview { get; private set; }
    public string? Error { get; private set; }

    /// <summary>After a refused save: what is saved now, shown beside the author's own text.</summary>
    public string? SavedText { get; private set; }

    [TempData] public string? Message { get; set; }

    public bool HasChanges => CourseDrafts.HasChanges(Workspace);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Current is null) return NotFound();
        Text = Current.Text;
        Revision = Workspace.Revision;
        return Page();
    }

    /// <summary>No-JS preview: the same page again, with the posted text rendered below the editor. Nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null) return NotFound();
        Preview = await drafts.PreviewAsync(Workspace, Current.Path, Text ?? "", ct);
        return Page();
    }

    /// <summary>The live preview (authoring.js): the preview region's HTML for the posted text.</summary>
    public async Task<IActionResult> OnPostPreviewFragmentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null) return NotFound();
        Preview = await drafts.PreviewAsync(Workspace, Current.Path, Text ?? "", ct);
        return Partial("_Preview", this);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null) return NotFound();
        if (!Current.IsEditable)
        {
            Error = "このファイルはエディタでは編集できません。";
            return Page();
        }
        var by = User.Identity!.Name!;
        try
        {
            var (draft, expected) = await drafts.DraftForChangeAsync(Slug, Revision, by, ct);
            draft.SaveFile(Current.Path, Text ?? "", expected, by, drafts.Now);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            return await RefusedAsync(ex, ct);
        }
        Message = "下書きを保存しました。";
        return Redirect(EditorUrl(Current.Path));
    }

    public async Task<IActionResult> OnPostAddLessonAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null) return NotFound();
        var by = User.Identity!.Name!;
        string path;
        try
        {
            var (draft, expected) = await drafts.DraftForChangeAsync(Slug, Revision, by, ct);
            path = draft.AddLesson((NewLessonSlug ?? "").Trim(), NewLessonTitle ?? "", expected, by, drafts.Now).Path;
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            return await RefusedAsync(ex, ct);
        }
        Message = $"レッスン「{path}」を追加しました。";
        return Redirect(EditorUrl(path));
    }

    public async Task<IActionResult> OnPostDeleteLessonAsync(string lesson, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null) return NotFound();
        var by = User.Identity!.Name!;
        try
        {
            var (draft, expected) = await drafts.DraftForChangeAsync(Slug, Revision, by, ct);
            draft.DeleteLesson(lesson ?? "", expected, by, drafts.Now);
            audit.Record(by, CourseDrafts.AuditLessonDelete, Slug, $"下書きからレッスン「{lesson}」を削除しました。");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            return await RefusedAsync(ex, ct);
        }
        Message = $"レッスン「{lesson}」を削除しました。番号が欠けた場合は、ほかのレッスンのファイル名を直すか、公開前の確認で指摘を見てください。";
        return Redirect(EditorUrl(null));
    }

    /// <summary>
    /// A refused change: nothing was saved. The author's text stays in the editor, and what is saved
    /// now is shown beside it; saving again (from the current revision) is then a deliberate choice.
    /// </summary>
    private async Task<IActionResult> RefusedAsync(Exception ex, CancellationToken ct)
    {
        var stale = ex is DbUpdateConcurrencyException || ex.Message == CourseDraft.StaleMessage;
        Error = stale ? CourseDraft.StaleMessage : ex.Message;
        db.ChangeTracker.Clear();
        var posted = Text;
        await LoadAsync(ct);
        Text = posted ?? "";
        if (stale)
        {
            SavedText = Current?.Text;
            Revision = Workspace.Revision;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public string EditorUrl(string? path) =>
        path is null || path == CourseParser.CourseFileName ? $"/authoring/{Slug}" : $"/authoring/{Slug}?file={Uri.EscapeDataString(path)}";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var workspace = await drafts.LoadAsync(Slug, ct);
        if (workspace is null) return false;
        Workspace = workspace;
        var path = string.IsNullOrEmpty(FilePath) ? CourseParser.CourseFileName : FilePath;
        Current = workspace.Find(path);
        FilePath = Current?.Path;
        return true;
    }
}
