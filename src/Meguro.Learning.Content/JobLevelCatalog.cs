using Meguro.Learning.Data;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Meguro.Learning.Content;

/// <summary>
/// Loads 職層 from <c>content/job-levels.yml</c> into the database. Levels are matched by code,
/// so renaming a level is an update, and a level that disappears from the file is kept (employees
/// and curricula still refer to it) rather than deleted.
/// </summary>
public sealed class JobLevelCatalog(LearningDbContext db)
{
    public const string FileName = "job-levels.yml";

    public sealed record JobLevelDefinition(string Code, string Name, int Rank, bool Managerial);

    public static IReadOnlyList<JobLevelDefinition> Parse(string yaml, string fileName = FileName)
    {
        JobLevelFile? file;
        try
        {
            file = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<JobLevelFile>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ContentFileException(fileName, ex.Start.Line, $"YAML を読み取れません（{ex.Message}）", ex);
        }
        var levels = file?.JobLevels ?? [];
        if (levels.Count == 0)
        {
            throw new ContentFileException(fileName, 0, "jobLevels に職層が1件もありません。");
        }
        var result = new List<JobLevelDefinition>();
        foreach (var (level, index) in levels.Select((l, i) => (l, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(level.Code) || string.IsNullOrWhiteSpace(level.Name))
            {
                throw new ContentFileException(fileName, 0, $"{index} 件目の職層に code または name がありません。");
            }
            if (level.Rank < 1)
            {
                throw new ContentFileException(fileName, 0, $"職層「{level.Name}」の rank は1以上にしてください。");
            }
            result.Add(new JobLevelDefinition(level.Code.Trim(), level.Name.Trim(), level.Rank, level.Managerial));
        }
        var duplicate = result.GroupBy(l => l.Code).FirstOrDefault(g => g.Count() > 1)
            ?? result.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ContentFileException(fileName, 0, $"職層「{duplicate.Key}」が重複しています。");
        }
        return result;
    }

    /// <summary>Brings the JobLevels table in line with the file; returns how many rows changed.</summary>
    public async Task<int> SyncAsync(string contentRoot, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(contentRoot, FileName);
        var definitions = Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
        var existing = await db.JobLevels.ToDictionaryAsync(l => l.Code, cancellationToken);
        var changed = 0;
        foreach (var d in definitions)
        {
            if (!existing.TryGetValue(d.Code, out var level))
            {
                db.JobLevels.Add(new JobLevel(d.Code, d.Name, d.Rank, d.Managerial));
                changed++;
            }
            else if (level.Name != d.Name || level.Rank != d.Rank || level.IsManagerial != d.Managerial)
            {
                level.Update(d.Name, d.Rank, d.Managerial);
                changed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private sealed class JobLevelFile
    {
        public List<JobLevelYaml> JobLevels { get; set; } = [];
    }

    private sealed class JobLevelYaml
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public int Rank { get; set; }
        public bool Managerial { get; set; }
    }
}
