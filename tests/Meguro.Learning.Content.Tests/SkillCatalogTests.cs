using Meguro.Learning.Content.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Content.Tests;

public sealed class SkillCatalogParsingTests
{
    [Fact]
    public void Bad_yaml_names_the_file_and_line_in_Japanese()
    {
        var ex = Assert.Throws<ContentFileException>(() =>
            SkillCatalog.ParseFramework("framework: x\nname: X\ncategories:\n  - id: a\n    name: [A\n", "skills/x.yml"));

        Assert.Equal("skills/x.yml", ex.File);
        Assert.InRange(ex.Line, 5, 6);
        Assert.StartsWith("skills/x.yml の ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("YAML を読み取れません", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_must_be_1_to_4()
    {
        var ex = Assert.Throws<ContentFileException>(() => SkillCatalog.ParseLevels("levels:\n  - level: 5\n    name: 超越\n", "levels.yml"));

        Assert.Contains("1〜4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_codes_join_framework_and_category()
    {
        var categories = SkillCatalog.ParseFramework(
            "framework: meguro\nname: 原則\ncategories:\n  - id: principles\n    name: 原則\n    skills:\n      - id: meguro.a\n        name: A\n",
            "meguro.yml");

        Assert.Equal("meguro/principles", Assert.Single(categories).Code);
        Assert.Equal("meguro.a", Assert.Single(categories[0].Skills).Code);
    }
}

/// <summary>The catalogue against a real database (SQLite; the PostgreSQL path is covered by the importer tests).</summary>
public sealed class SkillCatalogSyncTests : IAsyncLifetime
{
    private ContentDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ContentDatabase.CreateAsync(DatabaseKind.Sqlite, loadCatalogues: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<int> SyncAsync(string root) =>
        _database.InScopeAsync(sp => sp.GetRequiredService<SkillCatalog>().SyncAsync(root));

    [Fact]
    public async Task The_shipped_frameworks_load_once_and_a_second_sync_changes_nothing()
    {
        var first = await SyncAsync(RepositoryContent.Root);
        var second = await SyncAsync(RepositoryContent.Root);

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.Equal(4, await _database.WithDbAsync(db => db.SkillLevels.CountAsync()));
        Assert.Equal(29, await _database.WithDbAsync(db => db.Skills.CountAsync(s => s.IsActive)));
        var mind = await _database.WithDbAsync(db => db.SkillCategories.SingleAsync(c => c.Code == "dss-l/mind"));
        Assert.Equal(("dss-l", "DXリテラシー標準（DSS-L）", "マインド・スタンス", 0), (mind.FrameworkCode, mind.FrameworkName, mind.Name, mind.SortOrder));
        var inclusion = await _database.WithDbAsync(db => db.Skills.Include(s => s.Category).SingleAsync(s => s.Code == "meguro.inclusion"));
        Assert.Equal(("誰一人取り残さない", "meguro/principles"), (inclusion.Name, inclusion.Category.Code));
    }

    [Fact]
    public async Task A_skill_removed_from_the_file_is_deactivated_not_deleted()
    {
        using var content = RepositoryContent.Copy();
        await SyncAsync(content.Root);
        var file = Path.Combine(content.Root, "skills", "meguro.yml");
        var yaml = await File.ReadAllTextAsync(file);
        var start = yaml.IndexOf("      - id: meguro.quick-win", StringComparison.Ordinal);
        var end = yaml.IndexOf("      - id: meguro.trial-and-error", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, yaml.Remove(start, end - start));

        var changed = await SyncAsync(content.Root);

        // The deactivated skill, and the three after it moving up one place in the order.
        Assert.Equal(4, changed);
        var quickWin = await _database.WithDbAsync(db => db.Skills.SingleAsync(s => s.Code == "meguro.quick-win"));
        Assert.False(quickWin.IsActive);
    }
}
