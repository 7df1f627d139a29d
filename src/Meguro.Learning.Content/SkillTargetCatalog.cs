using System.Globalization;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Meguro.Learning.Content;

/// <summary>The job level codes and skill ids a targets file may name.</summary>
public sealed record SkillTargetReference(IReadOnlyCollection<string> JobLevelCodes, IReadOnlyCollection<string> SkillCodes);

/// <summary>One target of the file: this job level is expected to reach this level in this skill.</summary>
public sealed record SkillTargetDefinition(string JobLevelCode, string SkillCode, int TargetLevel, int Line);

/// <summary>What the file said, or every problem found in it (then nothing is applied).</summary>
public sealed record SkillTargetFile(IReadOnlyList<SkillTargetDefinition> Targets, IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Issues.Count == 0;
}

/// <summary>How a sync went: the problems (nothing changed) or how many targets were added, changed and removed.</summary>
public sealed record SkillTargetSyncResult(IReadOnlyList<ContentIssue> Issues, int Added, int Changed, int Removed, int KeptFromHr)
{
    public bool Succeeded => Issues.Count == 0;
}

/// <summary>
/// Loads 目標レベル from <c>content/skills/targets.yml</c>: per job level code, a map of skill id to
/// the level expected (1–4). A target HR changed in the browser is HR's decision and the file never
/// overwrites it (<see cref="SkillTarget.Change"/>); a file target that disappears from the file is
/// removed, because the file is then saying "no target". The file is read node by node so every
/// problem names its line, and a file with any problem changes nothing.
/// </summary>
public sealed class SkillTargetCatalog(LearningDbContext db, TimeProvider clock)
{
    public const string FileName = "targets.yml";
    public const string FileLabel = "content/skills/targets.yml";

    private const string HowToWrite = "職層コードごとに「スキル id: 目標レベル」を書いてください（例: targets: { kakariin: { dssl.care.security: 2 } }）。";

    public static SkillTargetFile Parse(string yaml, SkillTargetReference reference, string fileLabel = FileLabel)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var reader = new ContentYaml(fileLabel);
        var targets = new List<SkillTargetDefinition>();
        var root = reader.Root(yaml, HowToWrite);
        if (root is not null)
        {
            var fields = reader.Fields(root, "targets");
            if (!fields.TryGetValue("targets", out var node) || node is YamlScalarNode { Value: null or "" })
            {
                reader.Error(root, "targets（職層ごとの目標レベル）がありません。" + HowToWrite);
            }
            else if (node is not YamlMappingNode levels)
            {
                reader.Error(node, "targets の形が違います。" + HowToWrite);
            }
            else
            {
                foreach (var (levelNode, skills) in levels.Children)
                {
                    ReadJobLevel(reader, reference, levelNode, skills, targets);
                }
            }
        }
        return reader.Issues.Count == 0 ? new SkillTargetFile(targets, []) : new SkillTargetFile([], reader.Issues);
    }

    private static void ReadJobLevel(ContentYaml reader, SkillTargetReference reference, YamlNode levelNode, YamlNode skills, List<SkillTargetDefinition> targets)
    {
        var code = (levelNode as YamlScalarNode)?.Value?.Trim() ?? "";
        if (!reference.JobLevelCodes.Contains(code))
        {
            reader.Error(levelNode, $"職層コード「{code}」は content/job-levels.yml にありません（{string.Join("、", reference.JobLevelCodes)}）。");
            return;
        }
        if (skills is YamlScalarNode { Value: null or "" })
        {
            // A job level listed with nothing under it simply has no targets.
            return;
        }
        if (skills is not YamlMappingNode map)
        {
            reader.Error(skills, $"職層「{code}」の目標は「スキル id: 目標レベル」の形で書いてください。");
            return;
        }
        foreach (var (skillNode, levelValue) in map.Children)
        {
            var skill = (skillNode as YamlScalarNode)?.Value?.Trim() ?? "";
            if (!reference.SkillCodes.Contains(skill))
            {
                reader.Error(skillNode, $"スキル id「{skill}」は content/skills/ のスキル体系にありません。");
                continue;
            }
            var text = (levelValue as YamlScalarNode)?.Value?.Trim() ?? "";
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || !SkillLevel.IsValid(level))
            {
                reader.Error(levelValue, $"職層「{code}」の「{skill}」の目標レベルは {SkillLevel.Min}〜{SkillLevel.Max} の整数で書いてください（「{text}」は使えません）。");
                continue;
            }
            targets.Add(new SkillTargetDefinition(code, skill, level, ContentYaml.LineOf(skillNode)));
        }
    }

    /// <summary>
    /// Brings the file's targets into the database; HR's targets stay as HR set them. A file with
    /// problems changes nothing and returns the problems. A missing file means no file targets.
    /// </summary>
    public async Task<SkillTargetSyncResult> SyncAsync(string contentRoot, string by, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(contentRoot, SkillCatalog.FolderName, FileName);
        var yaml = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "targets:\n";
        var jobLevels = await db.JobLevels.AsNoTracking().OrderBy(l => l.Rank).ToDictionaryAsync(l => l.Code, l => l.Id, StringComparer.Ordinal, cancellationToken);
        var skills = await db.Skills.AsNoTracking().Where(s => s.IsActive).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.Ordinal, cancellationToken);
        var file = Parse(yaml, new SkillTargetReference([.. jobLevels.Keys], [.. skills.Keys]));
        if (!file.IsValid)
        {
            return new SkillTargetSyncResult(file.Issues, 0, 0, 0, 0);
        }
        var existing = await db.SkillTargets.ToDictionaryAsync(t => (t.JobLevelId, t.SkillId), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int added = 0, changed = 0, kept = 0;
        var inFile = new HashSet<(int, int)>();
        foreach (var target in file.Targets)
        {
            var key = (jobLevels[target.JobLevelCode], skills[target.SkillCode]);
            inFile.Add(key);
            if (!existing.TryGetValue(key, out var stored))
            {
                db.SkillTargets.Add(new SkillTarget(key.Item1, key.Item2, target.TargetLevel, SkillTargetOrigin.File, by, now));
                added++;
            }
            else if (stored.Origin == SkillTargetOrigin.HR)
            {
                kept++;
            }
            else if (stored.Change(target.TargetLevel, SkillTargetOrigin.File, by, now))
            {
                changed++;
            }
        }
        var removed = existing.Where(e => e.Value.Origin == SkillTargetOrigin.File && !inFile.Contains(e.Key)).Select(e => e.Value).ToList();
        db.SkillTargets.RemoveRange(removed);
        await db.SaveChangesAsync(cancellationToken);
        return new SkillTargetSyncResult([], added, changed, removed.Count, kept);
    }
}
