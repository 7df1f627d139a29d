using Meguro.Learning.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>
/// A media file of the draft (or, without a draft, of the published version) for the editor's
/// preview. Content editors only, with the same sandboxing policy as the learner's media.
/// </summary>
public sealed class MediaFileModel(LearningDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, string file, CancellationToken ct)
    {
        var media = await db.CourseDraftMedia.AsNoTracking()
            .Where(m => m.Draft.Slug == slug && m.FileName == file)
            .Select(m => new { m.Blob.Bytes, m.Blob.ContentType, m.Blob.Sha256 })
            .SingleOrDefaultAsync(ct);
        if (media is null && !await db.CourseDrafts.AnyAsync(d => d.Slug == slug, ct))
        {
            media = await db.CourseVersionMedia.AsNoTracking()
                .Where(m => m.CourseVersion.Course.Slug == slug && m.CourseVersion.Number == m.CourseVersion.Course.PublishedVersionNumber && m.FileName == file)
                .Select(m => new { m.Blob.Bytes, m.Blob.ContentType, m.Blob.Sha256 })
                .SingleOrDefaultAsync(ct);
        }
        if (media is null) return NotFound();

        Response.Headers.ContentSecurityPolicy = Courses.MediaModel.MediaPolicy;
        Response.Headers.CacheControl = "private, no-cache";
        var result = File(media.Bytes, media.ContentType);
        result.EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + media.Sha256 + "\"");
        if (media.ContentType == "application/pdf") result.FileDownloadName = file;
        return result;
    }
}
