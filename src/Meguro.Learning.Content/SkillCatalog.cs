using Meguro.Learning.Data;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Meguro.Learning.Content;

/// <summary>
/// Loads the skill frameworks from <c>content/skills/</c>: <c>levels.yml</c> holds the four levels
/// every framework shares, every other <c>*.yml</c> is one framework (DSS-L, the city's principles…).
/// Skills are matched by code; a skill that disappears from the files is deactivated, never deleted,
/// because courses and skills records keep referring to it.
/// </summary>
public sealed class SkillCatalog(LearningDbContext db)
{
    public const string FolderName = "skills";
    public const string LevelsFileName = "levels.yml";

    public sealed record LevelDefinition(int Level, string Name, string Description);

    public sealed record SkillDefinition(string Code, string Name, string Description, int SortOrder);

    public sealed record CategoryDefinition(
        string Code, string FrameworkCode, string FrameworkName, string Name, string Description, int SortOrder,
        IReadOnlyList<SkillDefinition> Skills);

    public static IReadOnlyList<LevelDefinition> ParseLevels(string yaml, string fileName = LevelsFileName)
    {
        var levels = Deserialize<LevelsFile>(yaml, fileName)?.Levels ?? [];
        if (levels.Count == 0)
        {
            throw new ContentFileException(fileName, 0, "levels にスキルレベルが1件もありません。");
        }
        foreach (var level in levels)
        {
            if (!SkillLevel.IsValid(level.Level) || string.IsNullOrWhiteSpace(level.Name))
            {
                throw new ContentFileException(fileName, 0, $"スキルレベル {level.Level} は1〜4の番号と name が必要です。");
            }
        }
        var duplicate = levels.GroupBy(l => l.Level).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ContentFileException(fileName, 0, $"スキルレベル {duplicate.Key} が重複しています。");
        }
        return [.. levels.Select(l => new LevelDefinition(l.Level, l.Name.Trim(), l.Description.Trim()))];
    }

    /// <summary>Reads one framework file. <paramref name="firstSortOrder"/> continues the category order across files.</summary>
    public static IReadOnlyList<CategoryDefinition> ParseFramework(string yaml, string fileName, int firstSortOrder = 0)
    {
        var file = Deserialize<FrameworkFile>(yaml, fileName);
        if (file is null || string.IsNullOrWhiteSpace(file.Framework) || string.IsNullOrWhiteSpace(file.Name))
        {
            throw new ContentFileException(fileName, 0, "framework（フレームワークのコード）と name が必要です。");
        }
        if (file.Categories.Count == 0)
        {
            throw new ContentFileException(fileName, 0, "categories にカテゴリが1件もありません。");
        }
        var result = new List<CategoryDefinition>();
        foreach (var (category, index) in file.Categories.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(category.Id) || string.IsNullOrWhiteSpace(category.Name))
            {
                throw new ContentFileException(fileName, 0, $"{index + 1} 件目のカテゴリに id または name がありません。");
            }
            var skills = category.Skills.Select((s, i) => ToSkill(s, i, category, fileName)).ToList();
            result.Add(new CategoryDefinition(
                SkillCategory.CodeFor(file.Framework.Trim(), category.Id.Trim()), file.Framework.Trim(), file.Name.Trim(),
                category.Name.Trim(), category.Description.Trim(), firstSortOrder + index, skills));
        }
        EnsureUnique(result.Select(c => c.Code), fileName, "カテゴリ");
        return result;
    }

    /// <summary>Brings skill levels, categories and skills in line with the files; returns how many rows changed.</summary>
    public async Task<int> SyncAsync(string contentRoot, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(contentRoot, FolderName);
        var levelsPath = Path.Combine(folder, LevelsFileName);
        var levels = ParseLevels(await File.ReadAllTextAsync(levelsPath, cancellationToken), levelsPath);
        var categories = await ReadFrameworksAsync(folder, cancellationToken);

        var changed = await SyncLevelsAsync(levels, cancellationToken);
        changed += await SyncSkillsAsync(categories, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static async Task<List<CategoryDefinition>> ReadFrameworksAsync(string folder, CancellationToken cancellationToken)
    {
        var categories = new List<CategoryDefinition>();
        var files = Directory.GetFiles(folder, "*.yml")
            .Where(f => Path.GetFileName(f) is not (LevelsFileName or SkillTargetCatalog.FileName))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            categories.AddRange(ParseFramework(await File.ReadAllTextAsync(path, cancellationToken), path, categories.Count));
        }
        EnsureUnique(categories.Select(c => c.Code), folder, "カテゴリ");
        EnsureUnique(categories.SelectMany(c => c.Skills).Select(s => s.Code), folder, "スキル id");
        return categories;
    }

    private async Task<int> SyncLevelsAsync(IReadOnlyList<LevelDefinition> levels, CancellationToken cancellationToken)
    {
        var existing = await db.SkillLevels.ToDictionaryAsync(l => l.Level, cancellationToken);
        var changed = 0;
        foreach (var d in levels)
        {
            if (!existing.TryGetValue(d.Level, out var level))
            {
                db.SkillLevels.Add(new SkillLevel(d.Level, d.Name, d.Description));
                changed++;
            }
            else if (level.Update(d.Name, d.Description))
            {
                changed++;
            }
        }
        return changed;
    }

    private async Task<int> SyncSkillsAsync(IReadOnlyList<CategoryDefinition> categories, CancellationToken cancellationToken)
    {
        var existingCategories = await db.SkillCategories.ToDictionaryAsync(c => c.Code, cancellationToken);
        var existingSkills = await db.Skills.ToDictionaryAsync(s => s.Code, cancellationToken);
        var changed = 0;
        foreach (var d in categories)
        {
            if (!existingCategories.TryGetValue(d.Code, out var category))
            {
                category = new SkillCategory(d.Code, d.FrameworkCode, d.FrameworkName, d.Name, d.Description, d.SortOrder);
                db.SkillCategories.Add(category);
                changed++;
            }
            else if (category.Update(d.FrameworkName, d.Name, d.Description, d.SortOrder))
            {
                changed++;
            }
            foreach (var s in d.Skills)
            {
                if (!existingSkills.Remove(s.Code, out var skill))
                {
                    db.Skills.Add(new Skill(s.Code, s.Name, s.Description, category, s.SortOrder));
                    changed++;
                }
                else if (skill.Update(s.Name, s.Description, category, s.SortOrder))
                {
                    changed++;
                }
            }
        }
        // What is left was removed from the files.
        changed += existingSkills.Values.Count(s => s.Deactivate());
        return changed;
    }

    private static SkillDefinition ToSkill(SkillYaml skill, int index, CategoryYaml category, string fileName)
    {
        if (string.IsNullOrWhiteSpace(skill.Id) || string.IsNullOrWhiteSpace(skill.Name))
        {
            throw new ContentFileException(fileName, 0, $"カテゴリ「{category.Name}」の {index + 1} 件目のスキルに id または name がありません。");
        }
        return new SkillDefinition(skill.Id.Trim(), skill.Name.Trim(), skill.Description.Trim(), index);
    }

    private static void EnsureUnique(IEnumerable<string> codes, string fileName, string what)
    {
        var duplicate = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ContentFileException(fileName, 0, $"{what}「{duplicate.Key}」が重複しています。");
        }
    }

    private static T? Deserialize<T>(string yaml, string fileName)
    {
        try
        {
            return new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<T>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ContentFileException(fileName, ex.Start.Line, $"YAML を読み取れません（{ex.Message}）", ex);
        }
    }

    private sealed class LevelsFile
    {
        public List<LevelYaml> Levels { get; set; } = [];
    }

    private sealed class LevelYaml
    {
        public int Level { get; set; }
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
    }

    private sealed class FrameworkFile
    {
        public string Framework { get; set; } = "";
        public string Name { get; set; } = "";
        public string Source { get; set; } = "";
        public List<CategoryYaml> Categories { get; set; } = [];
    }

    private sealed class CategoryYaml
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public List<SkillYaml> Skills { get; set; } = [];
    }

    private sealed class SkillYaml
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
    }
}
