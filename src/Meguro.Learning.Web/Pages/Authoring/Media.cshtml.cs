using System.Text.RegularExpressions;
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
/// Images and PDFs of a draft: upload (checked exactly as the parser checks media/), list, delete.
/// A refused file changes nothing.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed partial class MediaModel(LearningDbContext db, CourseDrafts drafts, AuditLog audit) : PageModel
{
    /// <summary>Above the 5 MB limit, so a slightly larger file still gets a clear message instead of a bare 413.</summary>
    public const long MaxRequestBytes = CourseParser.MaxMediaBytes + 1024 * 1024;

    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public int Revision { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<string>();
        byte[] bytes = [];
        var fileName = Path.GetFileName(Upload?.FileName ?? "").Trim();
        if (Upload is null || Upload.Length == 0)
        {
            errors.Add("アップロードするファイルを選択してください。");
        }
        else if (Upload.Length > CourseParser.MaxMediaBytes)
        {
            errors.Add($"ファイルが大きすぎます（{Upload.Length / 1024 / 1024.0:0.0}MB）。1ファイル5MBまでです。");
        }
        else if (!FileNamePattern().IsMatch(fileName))
        {
            errors.Add("ファイル名は英数字・ハイフン・アンダースコア・ピリオドだけにしてください（例: three-layers.svg）。");
        }
        else
        {
            using var buffer = new MemoryStream((int)Upload.Length);
            await Upload.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
            var (_, problems) = CourseParser.CheckMediaFile(fileName, bytes);
            errors.AddRange(problems);
        }
        if (errors.Count > 0)
        {
            return Refused(errors);
        }
        var (contentType, _) = CourseParser.CheckMediaFile(fileName, bytes);
        var by = User.Identity!.Name!;
        try
        {
            var (draft, _) = await drafts.DraftForChangeAsync(Slug, Workspace.Revision, by, ct);
            var blob = await db.MediaBlobs.FindAsync([MediaBlob.HashOf(bytes)], ct) ?? db.MediaBlobs.Add(new MediaBlob(bytes, contentType!)).Entity;
            draft.PutMedia(fileName, blob, by, drafts.Now);
            audit.Record(by, CourseDrafts.AuditMediaAdd, Slug, $"下書きに media/{fileName}（{bytes.Length:N0} バイト）を追加しました。");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refused([ex is DomainException ? ex.Message : "保存できませんでした。もう一度試してください。"]);
        }
        Message = $"media/{fileName} を追加しました。レッスンには ![図の説明](media/{fileName}) と書いて入れます。";
        return Redirect($"/authoring/{Slug}/media");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var by = User.Identity!.Name!;
        try
        {
            var (draft, _) = await drafts.DraftForChangeAsync(Slug, Workspace.Revision, by, ct);
            draft.RemoveMedia(name ?? "", by, drafts.Now);
            audit.Record(by, CourseDrafts.AuditMediaDelete, Slug, $"下書きから media/{name} を削除しました。");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refused([ex is DomainException ? ex.Message : "削除できませんでした。もう一度試してください。"]);
        }
        Message = $"media/{name} を削除しました。";
        return Redirect($"/authoring/{Slug}/media");
    }

    private IActionResult Refused(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var workspace = await drafts.LoadAsync(Slug, ct);
        if (workspace is null) return false;
        Workspace = workspace;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+$")]
    private static partial Regex FileNamePattern();
}
