using Meguro.Learning.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>Every course and every draft of a course not yet published, with where its draft stands.</summary>
public sealed class IndexModel(LearningDbContext db) : PageModel
{
    public sealed record Row(string Slug, string Title, int? PublishedVersion, bool IsArchived, string? DraftBy, DateTime? DraftAtUtc);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking()
            .Select(c => new
            {
                c.Slug,
                c.PublishedVersionNumber,
                c.IsArchived,
                Title = c.Versions.Where(v => v.Number == c.PublishedVersionNumber).Select(v => v.Title).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var drafts = await db.CourseDrafts.AsNoTracking()
            .Select(d => new { d.Slug, d.UpdatedBy, d.UpdatedAtUtc, CourseText = d.Files.Where(f => f.Path == "course.md").Select(f => f.Text).FirstOrDefault() })
            .ToListAsync(ct);
        var draftsBySlug = drafts.ToDictionary(d => d.Slug, StringComparer.Ordinal);
        var rows = courses.Select(c =>
        {
            draftsBySlug.TryGetValue(c.Slug, out var d);
            return new Row(c.Slug, c.Title ?? c.Slug, c.PublishedVersionNumber, c.IsArchived, d?.UpdatedBy, d?.UpdatedAtUtc);
        }).ToList();
        rows.AddRange(drafts.Where(d => courses.All(c => c.Slug != d.Slug)).Select(d =>
            new Row(d.Slug, CourseDrafts.TitleOf([new EditorFile("course.md", d.CourseText ?? "")]) ?? d.Slug, null, false, d.UpdatedBy, d.UpdatedAtUtc)));
        Rows = [.. rows.OrderBy(r => r.Slug, StringComparer.Ordinal)];
    }
}
