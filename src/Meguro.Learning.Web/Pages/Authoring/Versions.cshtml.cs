using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// The versions of a course, a line diff of any two of them per file, and restoring an old
/// version into the draft (to be published again as a new version: history is never rewritten).
/// </summary>
public sealed class VersionsModel(LearningDbContext db, CourseDrafts drafts, AuditLog audit) : PageModel
{
    /// <summary>Unchanged lines kept around each change; longer unchanged runs are folded.</summary>
    public const int ContextLines = 3;

    public enum LineKind { Same, Added, Removed, Skipped }

    public sealed record DiffLine(LineKind Kind, int? OldNumber, int? NewNumber, string Text);

    public sealed record FileDiff(string Path, string Change, IReadOnlyList<DiffLine> Lines);

    public sealed record VersionRow(int Number, DateTime PublishedAtUtc, string PublishedBy, CourseOrigin Origin, string Title, string VersionNotes);

    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    [BindProperty] public int Number { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<FileDiff>? Diffs { get; private set; }
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public static string OriginName(CourseOrigin origin) => origin == CourseOrigin.Editor ? "エディタ" : "content/ から取込";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (From is { } from && To is { } to)
        {
            if (Versions.All(v => v.Number != from) || Versions.All(v => v.Number != to))
            {
                Error = "比べる版を選んでください。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            Diffs = Diff(await FilesAsync(from, ct), await FilesAsync(to, ct));
        }
        else if (Versions.Count >= 2)
        {
            From = Versions[1].Number;
            To = Versions[0].Number;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var course = Workspace.Course;
        var version = course is null ? null : await db.CourseVersions
            .Include(v => v.Files).Include(v => v.Media).ThenInclude(m => m.Blob)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.CourseId == course.Id && v.Number == Number, ct);
        if (course is null || version is null)
        {
            Error = "復元する版を選んでください。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (CourseDrafts.HasChanges(Workspace) && !Confirm)
        {
            Error = "下書きに公開していない変更があります。復元するとその変更は失われます。よければ「下書きの変更を破棄して復元する」にチェックを入れてください。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var by = User.Identity!.Name!;
        var files = version.Files.Select(f => KeyValuePair.Create(f.Path, f.Text));
        var media = version.Media.Select(m => KeyValuePair.Create(m.FileName, m.Blob));
        if (Workspace.Draft is { } draft)
        {
            draft.ReplaceAll(files, media, by, drafts.Now);
        }
        else
        {
            db.CourseDrafts.Add(new CourseDraft(Slug, course, course.PublishedVersionNumber ?? 0, files, media, by, drafts.Now));
        }
        audit.Record(by, CourseDrafts.AuditRestore, Slug, $"第{version.Number}版の内容を下書きに復元しました。");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            Error = CourseDraft.StaleMessage;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Message = $"第{version.Number}版の内容を下書きに復元しました。確認して公開すると新しい版になります。";
        return Redirect($"/authoring/{Slug}/publish");
    }

    private Task<Dictionary<string, string>> FilesAsync(int number, CancellationToken ct) =>
        db.CourseVersionFiles.AsNoTracking()
            .Where(f => f.CourseVersion.Course.Slug == Slug && f.CourseVersion.Number == number)
            .ToDictionaryAsync(f => f.Path, f => f.Text, StringComparer.Ordinal, ct);

    public static IReadOnlyList<FileDiff> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var result = new List<FileDiff>();
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(path, out var oldText);
            var has = after.TryGetValue(path, out var newText);
            if (had && has && oldText == newText)
            {
                continue;
            }
            var change = !had ? "追加" : !has ? "削除" : "変更";
            result.Add(new FileDiff(path, change, Lines(oldText ?? "", newText ?? "")));
        }
        return result;
    }

    private static List<DiffLine> Lines(string oldText, string newText)
    {
        var model = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
        var all = new List<DiffLine>();
        int oldNumber = 0, newNumber = 0;
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Deleted:
                    all.Add(new DiffLine(LineKind.Removed, ++oldNumber, null, piece.Text ?? ""));
                    break;
                case ChangeType.Inserted:
                    all.Add(new DiffLine(LineKind.Added, null, ++newNumber, piece.Text ?? ""));
                    break;
                case ChangeType.Imaginary:
                    break;
                default:
                    all.Add(new DiffLine(LineKind.Same, ++oldNumber, ++newNumber, piece.Text ?? ""));
                    break;
            }
        }
        // Fold long unchanged stretches so the changes stand out.
        var keep = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == LineKind.Same) continue;
            for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(all.Count - 1, i + ContextLines); j++) keep[j] = true;
        }
        var lines = new List<DiffLine>();
        var skipped = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (keep[i])
            {
                if (skipped > 0) lines.Add(new DiffLine(LineKind.Skipped, null, null, skipped.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                skipped = 0;
                lines.Add(all[i]);
            }
            else
            {
                skipped++;
            }
        }
        if (skipped > 0) lines.Add(new DiffLine(LineKind.Skipped, null, null, skipped.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return lines;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var workspace = await drafts.LoadAsync(Slug, ct);
        if (workspace is null) return false;
        Workspace = workspace;
        Versions = workspace.Course is null ? [] : await db.CourseVersions.AsNoTracking()
            .Where(v => v.CourseId == workspace.Course.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.PublishedAtUtc, v.PublishedBy, v.Origin, v.Title, v.VersionNotes))
            .ToListAsync(ct);
        return true;
    }
}
