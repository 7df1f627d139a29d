using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// The course quiz in the editor: what it holds, an upload of a Moodle GIFT file (or a quiz.md), and
/// the quiz exported as GIFT. An upload with any problem is refused whole, listing each problem with
/// its line, and the draft stays as it was.
/// </summary>
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
public sealed class QuizModel(LearningDbContext db, CourseDrafts drafts, AuditLog audit) : PageModel
{
    public const long MaxUploadBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public int Revision { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public string? QuizFile { get; private set; }
    public QuizParseResult? Current { get; private set; }
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
        var (fileName, text, error) = await ReadUploadAsync(ct);
        if (error is not null) return Refused([error]);
        var parsed = drafts.ParseQuiz(Workspace, fileName, text)!;
        if (!parsed.IsValid)
        {
            return Refused([.. parsed.Issues.Select(i => $"{Upload!.FileName}:{i.Line}: {i.Message}")]);
        }
        var by = User.Identity!.Name!;
        try
        {
            var (draft, expected) = await drafts.DraftForChangeAsync(Slug, Revision, by, ct);
            draft.PutQuiz(fileName!, text!, expected, by, drafts.Now);
            audit.Record(by, CourseDrafts.AuditQuizImport, Slug, $"{Upload!.FileName} を {fileName} として下書きに取り込みました（{parsed.Definition!.Questions.Count} 問）。");
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refused([ex is DomainException ? ex.Message : "保存できませんでした。もう一度試してください。"]);
        }
        Message = $"{fileName} を取り込みました（{parsed.Definition!.Questions.Count} 問）。公開するまで受講者には表示されません。";
        return Redirect($"/authoring/{Slug}/quiz");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var by = User.Identity!.Name!;
        try
        {
            var (draft, expected) = await drafts.DraftForChangeAsync(Slug, Revision, by, ct);
            if (draft.RemoveQuiz(expected, by, drafts.Now))
            {
                audit.Record(by, CourseDrafts.AuditQuizRemove, Slug, "下書きからクイズを削除しました。");
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refused([ex is DomainException ? ex.Message : "保存できませんでした。もう一度試してください。"]);
        }
        Message = "クイズを削除しました。公開すると、このコースはレッスンだけで修了になります。";
        return Redirect($"/authoring/{Slug}/quiz");
    }

    /// <summary>The quiz of the draft (or of the published version) as a Moodle GIFT file.</summary>
    public async Task<IActionResult> OnGetGiftAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Current is not { IsValid: true } parsed) return NotFound();
        var gift = GiftExporter.Export(parsed.Definition!);
        return File(Encoding.UTF8.GetBytes(gift), "text/plain; charset=utf-8", $"{Slug}-quiz.gift");
    }

    private async Task<(string? FileName, string? Text, string? Error)> ReadUploadAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            return (null, null, "取り込むファイルを選択してください。");
        }
        if (Upload.Length > MaxUploadBytes)
        {
            return (null, null, "ファイルが大きすぎます。クイズのファイルは1MBまでです。");
        }
        var extension = Path.GetExtension(Upload.FileName).ToLowerInvariant();
        var fileName = extension switch
        {
            ".gift" or ".txt" => GiftParser.FileName,
            ".md" => QuizMarkdownParser.FileName,
            _ => null,
        };
        if (fileName is null)
        {
            return (null, null, "取り込めるのは GIFT 形式（.gift または .txt）か quiz.md 形式（.md）のファイルです。");
        }
        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, ct);
        try
        {
            var text = StrictUtf8.GetString(buffer.ToArray()).TrimStart('\uFEFF');
            return (fileName, text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, "ファイルを UTF-8 として読めません。Moodle から書き出した GIFT は UTF-8 です。文字コードを UTF-8 にして保存し直してください。");
        }
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
        QuizFile = workspace.Files.Select(f => f.Path).FirstOrDefault(p => CourseDraft.QuizFileNames.Contains(p));
        Current = drafts.ParseQuiz(workspace);
        return true;
    }
}
