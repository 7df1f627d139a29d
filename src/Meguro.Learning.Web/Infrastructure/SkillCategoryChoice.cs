using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// The skill categories that have active skills (for a category picker), the one asked for — or the
/// first when the code is missing or unknown — and its active skills in order. Shared by the pages
/// that show skills one category at a time (the manager's matrix, HR's targets).
/// </summary>
public sealed record SkillCategoryChoice(
    IReadOnlyList<SkillCategoryChoice.Category> Categories, SkillCategoryChoice.Category? Chosen, IReadOnlyList<SkillCategoryChoice.SkillItem> Skills)
{
    public sealed record Category(int Id, string Code, string Name, string Framework);

    public sealed record SkillItem(int Id, string Name);

    public static async Task<SkillCategoryChoice> LoadAsync(LearningDbContext db, string? requestedCode, CancellationToken ct)
    {
        var categories = await db.SkillCategories.AsNoTracking()
            .Where(c => db.Skills.Any(s => s.CategoryId == c.Id && s.IsActive))
            .OrderBy(c => c.SortOrder)
            .Select(c => new Category(c.Id, c.Code, c.Name, c.FrameworkName))
            .ToListAsync(ct);
        var chosen = categories.FirstOrDefault(c => c.Code == requestedCode) ?? categories.FirstOrDefault();
        if (chosen is null)
        {
            return new SkillCategoryChoice(categories, null, []);
        }
        var skills = await db.Skills.AsNoTracking().Where(s => s.CategoryId == chosen.Id && s.IsActive)
            .OrderBy(s => s.SortOrder).Select(s => new SkillItem(s.Id, s.Name)).ToListAsync(ct);
        return new SkillCategoryChoice(categories, chosen, skills);
    }
}
