using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// A zip in the content/ layout (&lt;slug&gt;/course.md, lessons, quiz.md, media/…) of the published
/// version or of the draft, to put the browser's work back into git.
/// </summary>
public sealed class ExportModel(CourseDrafts drafts) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public CourseWorkspace Workspace { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? source, CancellationToken ct)
    {
        var workspace = await drafts.LoadAsync(Slug, ct);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        if (source is null) return Page();

        IReadOnlyList<EditorFile> files;
        IReadOnlyList<EditorMedia> media;
        string label;
        if (source == "draft" && workspace.Draft is not null)
        {
            (files, media, label) = (workspace.Files, workspace.Media, "draft");
        }
        else if (source == "published" && workspace.Published is { } published)
        {
            files = [.. published.Files.Select(f => new EditorFile(f.Path, f.Text))];
            media = [.. published.Media.Select(m => new EditorMedia(m.FileName, m.Sha256, m.Size))];
            label = $"v{published.Number}";
        }
        else
        {
            return NotFound();
        }
        var set = await drafts.FileSetAsync(files, media, ct);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            foreach (var (path, bytes) in set.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry($"{Slug}/{path}", CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync(ct);
                await stream.WriteAsync(bytes, ct);
            }
        }
        return File(buffer.ToArray(), "application/zip", $"{Slug}-{label}.zip");
    }
}
