using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>
/// Images and attachments of the published version, to people who may see the course. Served
/// with a sandboxing policy of their own, so even an SVG opened directly cannot run anything.
/// </summary>
public sealed class MediaModel(LearnerCourses courses, LearningDbContext db) : PageModel
{
    public const string MediaPolicy = "default-src 'none'; img-src 'self' data:; sandbox";

    public async Task<IActionResult> OnGetAsync(string slug, string file, CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        var version = await courses.PublishedVersions().AsNoTracking().SingleOrDefaultAsync(v => v.Course.Slug == slug, ct);
        if (version is null || !learner.CanSee(version)) return NotFound();

        var media = await db.CourseVersionMedia
            .Where(m => m.CourseVersionId == version.Id && m.FileName == file)
            .Select(m => new { m.Blob.Bytes, m.Blob.ContentType, m.Blob.Sha256 })
            .SingleOrDefaultAsync(ct);
        if (media is null) return NotFound();

        Response.Headers.ContentSecurityPolicy = MediaPolicy;
        Response.Headers.CacheControl = "private, max-age=86400";
        var result = File(media.Bytes, media.ContentType);
        result.EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + media.Sha256 + "\"");
        if (media.ContentType == "application/pdf") result.FileDownloadName = file;
        return result;
    }
}
