using Meguro.Learning.Content.Tests.Infrastructure;
using Meguro.Learning.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Content.Tests;

public sealed class SkillTargetParsingTests
{
    private static readonly SkillTargetReference Reference = new(
        ["kakariin", "kakaricho"], ["dssl.care.security", "dssl.data.decide", "meguro.citizen-first"]);

    [Fact]
    public void A_good_file_gives_one_target_per_job_level_and_skill_with_its_line()
    {
        var file = SkillTargetCatalog.Parse(
            "targets:\n  kakariin:\n    dssl.care.security: 2\n    meguro.citizen-first: 1\n  kakaricho:\n    dssl.data.decide: 3\n", Reference);

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal(
            [("kakariin", "dssl.care.security", 2, 3), ("kakariin", "meguro.citizen-first", 1, 4), ("kakaricho", "dssl.data.decide", 3, 6)],
            file.Targets.Select(t => (t.JobLevelCode, t.SkillCode, t.TargetLevel, t.Line)));
    }

    [Fact]
    public void A_job_level_with_nothing_under_it_has_no_targets()
    {
        var file = SkillTargetCatalog.Parse("targets:\n  kakariin:\n", Reference);

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Empty(file.Targets);
    }

    public static TheoryData<string, int, string> BadFiles => new()
    {
        { "targets:\n  shuji:\n    dssl.care.security: 2\n", 2, "職層コード「shuji」は content/job-levels.yml にありません（kakariin、kakaricho）。" },
        { "targets:\n  kakariin:\n    dssl.care.security: 2\n    dssl.data.foo: 1\n", 4, "スキル id「dssl.data.foo」は content/skills/ のスキル体系にありません。" },
        { "targets:\n  kakariin:\n    dssl.care.security: 5\n", 3, "職層「kakariin」の「dssl.care.security」の目標レベルは 1〜4 の整数で書いてください（「5」は使えません）。" },
        { "targets:\n  kakariin:\n    dssl.care.security: 0\n", 3, "職層「kakariin」の「dssl.care.security」の目標レベルは 1〜4 の整数で書いてください（「0」は使えません）。" },
        { "targets:\n  kakariin:\n    dssl.care.security: high\n", 3, "職層「kakariin」の「dssl.care.security」の目標レベルは 1〜4 の整数で書いてください（「high」は使えません）。" },
        { "targets:\n  kakariin:\n    dssl.care.security: 2\n    dssl.care.security: 3\n", 4, "「dssl.care.security」が2回書かれています。" },
        { "targets:\n  kakariin: [dssl.care.security]\n", 2, "職層「kakariin」の目標は「スキル id: 目標レベル」の形で書いてください。" },
        { "target:\n  kakariin:\n    dssl.care.security: 2\n", 1, "「target」という項目は使えません（使えるのは targets）。" },
        { "targets:\n  kakariin:\n    dssl.care.security: [2\n", 4, "YAML を読み取れません" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Each_problem_is_reported_in_Japanese_with_its_line_and_nothing_is_taken(string yaml, int line, string message)
    {
        var file = SkillTargetCatalog.Parse(yaml, Reference, "content/skills/targets.yml");

        Assert.False(file.IsValid);
        Assert.Empty(file.Targets);
        var issue = file.Issues[0];
        Assert.Equal(("content/skills/targets.yml", line), (issue.File, issue.Line));
        Assert.StartsWith(message, issue.Message, StringComparison.Ordinal);
        Assert.StartsWith($"content/skills/targets.yml:{line}: ", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_value_among_good_ones_takes_none_of_them()
    {
        var file = SkillTargetCatalog.Parse("targets:\n  kakariin:\n    dssl.care.security: 2\n  kakaricho:\n    dssl.data.decide: 9\n", Reference);

        Assert.Empty(file.Targets);
        Assert.Equal(5, Assert.Single(file.Issues).Line);
    }

    [Fact]
    public void The_shipped_targets_name_only_shipped_job_levels_and_skills_and_give_every_level_a_target_in_every_skill()
    {
        var levels = JobLevelCatalog.Parse(File.ReadAllText(Path.Combine(RepositoryContent.Root, JobLevelCatalog.FileName))).Select(l => l.Code).ToList();
        var skills = Directory.GetFiles(Path.Combine(RepositoryContent.Root, SkillCatalog.FolderName), "*.yml")
            .Where(f => Path.GetFileName(f) is not (SkillCatalog.LevelsFileName or SkillTargetCatalog.FileName))
            .SelectMany(f => SkillCatalog.ParseFramework(File.ReadAllText(f), f))
            .SelectMany(c => c.Skills).Select(s => s.Code).ToList();

        var file = SkillTargetCatalog.Parse(
            File.ReadAllText(Path.Combine(RepositoryContent.Root, SkillCatalog.FolderName, SkillTargetCatalog.FileName)), new SkillTargetReference(levels, skills));

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal(levels.Count * skills.Count, file.Targets.Count);
        // Higher job levels are never expected less than the level below them.
        foreach (var skill in skills)
        {
            var bySkill = levels.Select(l => file.Targets.Single(t => t.JobLevelCode == l && t.SkillCode == skill).TargetLevel).ToList();
            Assert.Equal(bySkill.Order(), bySkill);
        }
    }
}

/// <summary>The import against a real database: what the file says, except where HR has spoken.</summary>
public sealed class SkillTargetSyncTests : IAsyncLifetime
{
    private ContentDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ContentDatabase.CreateAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<SkillTargetSyncResult> SyncAsync(string root) =>
        _database.InScopeAsync(sp => sp.GetRequiredService<SkillTargetCatalog>().SyncAsync(root, "起動時の取込"));

    private Task<SkillTarget?> TargetAsync(string jobLevel, string skill) =>
        _database.WithDbAsync(db => db.SkillTargets.AsNoTracking().SingleOrDefaultAsync(t =>
            t.JobLevelId == db.JobLevels.Single(l => l.Code == jobLevel).Id && t.SkillId == db.Skills.Single(s => s.Code == skill).Id));

    [Fact]
    public async Task The_shipped_file_loads_once_and_a_second_sync_changes_nothing()
    {
        var first = await SyncAsync(RepositoryContent.Root);
        var second = await SyncAsync(RepositoryContent.Root);

        Assert.True(first.Succeeded, string.Join("\n", first.Issues));
        Assert.Equal(6 * 29, first.Added);
        Assert.Equal((0, 0, 0), (second.Added, second.Changed, second.Removed));
        var target = await TargetAsync("kakaricho", "dssl.data.decide");
        Assert.Equal((3, SkillTargetOrigin.File), (target!.TargetLevel, target.Origin));
    }

    [Fact]
    public async Task A_value_HR_set_is_kept_when_the_file_changes_and_file_values_follow_the_file()
    {
        using var content = RepositoryContent.Copy();
        await SyncAsync(content.Root);
        await _database.WithDbAsync(async db =>
        {
            var target = await db.SkillTargets.SingleAsync(t =>
                t.JobLevelId == db.JobLevels.Single(l => l.Code == "kakariin").Id && t.SkillId == db.Skills.Single(s => s.Code == "dssl.care.security").Id);
            target.Change(4, SkillTargetOrigin.HR, "hr-user", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var file = Path.Combine(content.Root, "skills", "targets.yml");
        var yaml = await File.ReadAllTextAsync(file);
        yaml = ReplaceFirstAfter(yaml, "  kakariin:", "    dssl.care.security: 2", "    dssl.care.security: 1");
        yaml = ReplaceFirstAfter(yaml, "  kakariin:", "    dssl.care.morals: 2", "    dssl.care.morals: 3");
        yaml = ReplaceFirstAfter(yaml, "  kakariin:", "    dssl.care.compliance: 2\n", "");
        await File.WriteAllTextAsync(file, yaml);

        var result = await SyncAsync(content.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Issues));
        Assert.Equal((0, 1, 1, 1), (result.Added, result.Changed, result.Removed, result.KeptFromHr));
        var security = await TargetAsync("kakariin", "dssl.care.security");
        Assert.Equal((4, SkillTargetOrigin.HR, "hr-user"), (security!.TargetLevel, security.Origin, security.UpdatedBy));
        Assert.Equal(3, (await TargetAsync("kakariin", "dssl.care.morals"))!.TargetLevel);
        Assert.Null(await TargetAsync("kakariin", "dssl.care.compliance"));
    }

    [Fact]
    public async Task A_file_with_a_problem_changes_nothing()
    {
        using var content = RepositoryContent.Copy();
        await SyncAsync(content.Root);
        var file = Path.Combine(content.Root, "skills", "targets.yml");
        var yaml = await File.ReadAllTextAsync(file);
        yaml = ReplaceFirstAfter(yaml, "  kakariin:", "    dssl.care.morals: 2", "    dssl.care.morals: 3");
        await File.WriteAllTextAsync(file, yaml + "  shuji:\n    dssl.care.security: 2\n");

        var result = await SyncAsync(content.Root);

        Assert.False(result.Succeeded);
        Assert.Contains("職層コード「shuji」", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
        Assert.Equal(2, (await TargetAsync("kakariin", "dssl.care.morals"))!.TargetLevel);
    }

    private static string ReplaceFirstAfter(string text, string after, string find, string replacement)
    {
        var start = text.IndexOf(after, StringComparison.Ordinal);
        var at = text.IndexOf(find, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && at >= 0, $"'{find}' not found after '{after}'");
        return text.Remove(at, find.Length).Insert(at, replacement);
    }
}
