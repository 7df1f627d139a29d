using System.Globalization;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.SkillTargets;

/// <summary>
/// スキルの目標レベル: the grid job level × skill of one category, edited by HR. Each cell is 1–4 or
/// empty (no target). A value HR saves is marked as HR's, so targets.yml no longer overrides it. A post
/// naming an unknown skill or job level, or a level outside 1–4, is refused whole: nothing is saved.
/// </summary>
public sealed class IndexModel(LearningDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string AuditAction = "スキル目標の変更";

    public sealed record Level(int Id, string Name);

    public sealed record SkillRow(int Id, string Name, IReadOnlyDictionary<int, (int Level, SkillTargetOrigin Origin)> Targets);

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    /// <summary>Posted cells: key "skillId-jobLevelId", value "1".."4" or empty.</summary>
    [BindProperty]
    public Dictionary<string, string?> Targets { get; set; } = [];

    public IReadOnlyList<(string Code, string Name, string Framework)> Categories { get; private set; } = [];
    public string CategoryName { get; private set; } = "";
    public IReadOnlyList<Level> JobLevels { get; private set; } = [];
    public IReadOnlyList<SkillRow> Skills { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public static string Key(int skillId, int jobLevelId) => string.Create(CultureInfo.InvariantCulture, $"{skillId}-{jobLevelId}");

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var skills = await db.Skills.AsNoTracking().Where(s => s.IsActive).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var levels = await db.JobLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var (cells, problem) = Parse(Targets, skills, levels);
        if (problem is not null)
        {
            ModelState.AddModelError("", $"送信された内容に誤りがあるため、保存しませんでした（{problem}）。");
            await LoadAsync(ct);
            return Page();
        }
        var changes = await ApplyAsync(cells, skills, levels, ct);
        if (changes.Count == 0)
        {
            Done = "変更はありませんでした。";
            return RedirectToPage(new { Category });
        }
        audit.Record(User.Identity!.Name!, AuditAction, CategoryName.Length > 0 ? CategoryName : Category ?? "", string.Join("、", changes));
        await db.SaveChangesAsync(ct);
        Done = "目標レベルを保存しました。";
        return RedirectToPage(new { Category });
    }

    /// <summary>Every posted cell must name an active skill and a job level, and be empty or 1–4; the first problem refuses all.</summary>
    private static (List<(int SkillId, int JobLevelId, int? Level)> Cells, string? Problem) Parse(
        Dictionary<string, string?> posted, Dictionary<int, string> skills, Dictionary<int, string> levels)
    {
        var cells = new List<(int, int, int?)>();
        foreach (var (key, value) in posted)
        {
            var parts = key.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var skillId)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var levelId))
            {
                return ([], $"「{key}」は目標の欄ではありません");
            }
            if (!skills.ContainsKey(skillId))
            {
                return ([], $"スキル {skillId} はありません");
            }
            if (!levels.ContainsKey(levelId))
            {
                return ([], $"職層 {levelId} はありません");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                cells.Add((skillId, levelId, null));
            }
            else if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && SkillLevel.IsValid(level))
            {
                cells.Add((skillId, levelId, level));
            }
            else
            {
                return ([], $"目標レベル「{value}」は使えません。{SkillLevel.Min}〜{SkillLevel.Max} か空欄にしてください");
            }
        }
        return (cells, null);
    }

    /// <summary>Adds, changes and removes targets; returns what changed, for the audit log. Unchanged cells keep their origin.</summary>
    private async Task<List<string>> ApplyAsync(List<(int SkillId, int JobLevelId, int? Level)> cells, Dictionary<int, string> skills, Dictionary<int, string> levels, CancellationToken ct)
    {
        var skillIds = cells.Select(c => c.SkillId).Distinct().ToList();
        var existing = await db.SkillTargets.Where(t => skillIds.Contains(t.SkillId)).ToDictionaryAsync(t => (t.SkillId, t.JobLevelId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.Identity!.Name!;
        var changes = new List<string>();
        foreach (var (skillId, levelId, level) in cells)
        {
            existing.TryGetValue((skillId, levelId), out var stored);
            var label = $"{levels[levelId]} × {skills[skillId]}";
            if (stored is null && level is { } added)
            {
                db.SkillTargets.Add(new SkillTarget(levelId, skillId, added, SkillTargetOrigin.HR, by, now));
                changes.Add($"{label}: なし → {added}");
            }
            else if (stored is not null && level is null)
            {
                db.SkillTargets.Remove(stored);
                changes.Add($"{label}: {stored.TargetLevel} → なし");
            }
            else if (stored is not null && level is { } changed && changed != stored.TargetLevel)
            {
                var before = stored.TargetLevel;
                stored.Change(changed, SkillTargetOrigin.HR, by, now);
                changes.Add($"{label}: {before} → {changed}");
            }
        }
        var category = await db.Skills.Where(s => skillIds.Contains(s.Id)).Select(s => s.Category.Name).FirstOrDefaultAsync(ct);
        CategoryName = category ?? "";
        return changes;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var choice = await SkillCategoryChoice.LoadAsync(db, Category, ct);
        Categories = [.. choice.Categories.Select(c => (c.Code, c.Name, c.Framework))];
        if (choice.Chosen is not { } chosen)
        {
            return;
        }
        Category = chosen.Code;
        CategoryName = chosen.Name;
        JobLevels = await db.JobLevels.AsNoTracking().OrderBy(l => l.Rank).Select(l => new Level(l.Id, l.Name)).ToListAsync(ct);
        var skills = choice.Skills;
        var ids = skills.Select(s => s.Id).ToList();
        var targets = (await db.SkillTargets.AsNoTracking().Where(t => ids.Contains(t.SkillId)).ToListAsync(ct)).ToLookup(t => t.SkillId);
        Skills = [.. skills.Select(s => new SkillRow(s.Id, s.Name, targets[s.Id].ToDictionary(t => t.JobLevelId, t => (t.TargetLevel, t.Origin))))];
    }
}
