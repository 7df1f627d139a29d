using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Skills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>コース一覧: search (Japanese, normalised) and filters by category, skill and 職層.</summary>
public sealed class IndexModel(LearnerCourses courses, LearningDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Skill { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }

    public IReadOnlyList<CourseCard> Results { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<Skill> Skills { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> JobLevels { get; private set; } = [];

    public sealed record CourseCard(string Slug, string Title, string Summary, string Category, int Minutes, int Lessons, bool Yearly, IReadOnlyList<string> SkillNames);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var learner = await courses.LearnerAsync(User, ct);
        // The catalogue is small (tens of courses), so filtering by audience in memory keeps the
        // rule in one place (CourseVersion.IsVisibleTo) instead of duplicating it in SQL.
        var visible = (await courses.PublishedVersions()
                .Include(v => v.Course)
                .Include(v => v.Skills).ThenInclude(s => s.Skill).ThenInclude(k => k.Category)
                .Include(v => v.Lessons)
                .AsSplitQuery().AsNoTracking()
                .ToListAsync(ct))
            .Where(learner.CanSee)
            .ToList();

        Categories = visible.Select(v => v.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        Skills = visible.SelectMany(v => v.Skills.Select(s => s.Skill)).DistinctBy(s => s.Id).OrderBy(s => s.Category.SortOrder).ThenBy(s => s.SortOrder).ToList();
        JobLevels = await db.JobLevels.OrderBy(l => l.Rank).Select(l => new ValueTuple<string, string>(l.Code, l.Name)).ToListAsync(ct);

        var terms = CourseSearch.Normalize(Q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Results = visible
            .Where(v => terms.All(t => v.SearchText.Contains(t, StringComparison.Ordinal)))
            .Where(v => string.IsNullOrEmpty(Category) || v.Category == Category)
            .Where(v => string.IsNullOrEmpty(Skill) || v.Skills.Any(s => s.Skill.Code == Skill))
            .Where(v => string.IsNullOrEmpty(Level) || v.AudienceJobLevelCodes.Length == 0 || v.AudienceJobLevelCodes.Contains(Level))
            .OrderBy(v => v.Title, StringComparer.Ordinal)
            .Select(v => new CourseCard(v.Course.Slug, v.Title, v.Summary, v.Category, v.Minutes, v.Lessons.Count, v.Yearly,
                v.Skills.Select(s => s.Skill.Name).ToList()))
            .ToList();
    }
}
