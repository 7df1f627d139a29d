using Meguro.Learning.Content.Tests.Infrastructure;
using Meguro.Learning.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Content.Tests;

/// <summary>The importer against a real database, once per provider.</summary>
public abstract class CourseImporterTests(DatabaseKind kind) : IAsyncLifetime
{
    private const string Actor = "テスト";

    private static readonly string[] ShippedCourses =
    [
        "business-improvement", "data-literacy", "digital-inclusion", "dx-leader-management", "generative-ai",
        "information-security", "meguro-dx-basics", "personal-information", "service-design",
    ];

    private ContentDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ContentDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<IReadOnlyList<CourseImportResult>> ImportAsync(string contentRoot) =>
        _database.WithImporterAsync(importer => importer.ImportAllAsync(contentRoot, Actor));

    private Task<RowCounts> CountAsync() => _database.WithDbAsync(async db => new RowCounts(
        await db.Courses.CountAsync(), await db.CourseVersions.CountAsync(), await db.Lessons.CountAsync(),
        await db.CourseVersionFiles.CountAsync(), await db.CourseVersionMedia.CountAsync(), await db.MediaBlobs.CountAsync(),
        await db.CourseVersionSkills.CountAsync(), await db.AuditEntries.CountAsync()));

    private sealed record RowCounts(int Courses, int Versions, int Lessons, int Files, int Media, int Blobs, int Skills, int Audit);

    [Fact]
    public async Task All_shipped_courses_import_without_issues()
    {
        var results = await ImportAsync(RepositoryContent.Root);

        Assert.Equal(ShippedCourses, results.Select(r => r.Slug));
        Assert.All(results, r =>
        {
            Assert.True(r.Issues.Count == 0, string.Join("\n", r.Issues));
            Assert.Equal(CourseImportOutcome.Created, r.Outcome);
            Assert.Equal(1, r.VersionNumber);
        });
        var security = await _database.WithDbAsync(db => db.CourseVersions
            .Include(v => v.Course).Include(v => v.Lessons).Include(v => v.Skills).ThenInclude(s => s.Skill).Include(v => v.Media).Include(v => v.Files)
            .SingleAsync(v => v.Course.Slug == "information-security"));
        Assert.Equal(1, security.Course.PublishedVersionNumber);
        Assert.Equal("情報セキュリティの基本（毎年度必修）", security.Title);
        Assert.True(security.Yearly);
        Assert.Equal(CourseOrigin.Import, security.Origin);
        Assert.Equal(6, security.Lessons.Count);
        Assert.Contains(security.Skills, s => s.Skill.Code == "dssl.care.security" && s.Level == 3);
        Assert.Equal(["three-layers.svg"], security.Media.Select(m => m.FileName));
        Assert.Contains(security.Files, f => f.Path == "03-suspicious-mail.md" && f.Text.StartsWith("---\ntitle: 標的型メール", StringComparison.Ordinal));
        var mail = security.Lessons.Single(l => l.Slug == "suspicious-mail");
        Assert.Contains("href=\"/courses/information-security/lessons/incident-reporting\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains(mail.Headings, h => h.Level == 2 && h.Text == "不審なメールを受け取ったら");
        Assert.Contains("せきゅりてぃ", security.SearchText, StringComparison.Ordinal);
        Assert.Equal(9, await _database.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == CourseImporter.AuditAction)));
    }

    [Fact]
    public async Task Importing_unchanged_content_again_writes_nothing()
    {
        await ImportAsync(RepositoryContent.Root);
        var before = await CountAsync();

        var results = await ImportAsync(RepositoryContent.Root);

        Assert.All(results, r => Assert.Equal(CourseImportOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await CountAsync());
        Assert.Equal(9, before.Courses);
        Assert.Equal(9, before.Versions);
    }

    [Fact]
    public async Task A_changed_lesson_becomes_the_next_published_version_and_the_old_one_stays()
    {
        using var content = RepositoryContent.Copy();
        await ImportAsync(content.Root);
        var before = await CountAsync();
        var lesson = content.CourseFile("generative-ai", "02-good-uses.md");
        await File.AppendAllTextAsync(lesson, "\n## 追記\n\n下書きは必ず人が確認します。\n");

        var results = await ImportAsync(content.Root);

        var changed = Assert.Single(results, r => r.Outcome != CourseImportOutcome.Unchanged);
        Assert.Equal(("generative-ai", CourseImportOutcome.NewVersion, (int?)2), (changed.Slug, changed.Outcome, changed.VersionNumber));
        var after = await CountAsync();
        Assert.Equal(before.Versions + 1, after.Versions);
        Assert.Equal(before.Blobs, after.Blobs);
        var course = await _database.WithDbAsync(db => db.Courses.Include(c => c.Versions).ThenInclude(v => v.Lessons).SingleAsync(c => c.Slug == "generative-ai"));
        Assert.Equal(2, course.PublishedVersionNumber);
        Assert.Equal([1, 2], course.Versions.Select(v => v.Number).Order());
        Assert.Contains("下書きは必ず人が確認します", course.Versions.Single(v => v.Number == 2).Lessons.Single(l => l.Slug == "good-uses").Html, StringComparison.Ordinal);
        Assert.DoesNotContain("下書きは必ず人が確認します", course.Versions.Single(v => v.Number == 1).Lessons.Single(l => l.Slug == "good-uses").Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_course_keeps_its_previous_version_while_the_others_import()
    {
        using var content = RepositoryContent.Copy();
        await ImportAsync(content.Root);
        var lesson = content.CourseFile("data-literacy", "04-charts.md");
        await File.AppendAllTextAsync(lesson, "\n[続き](07-missing.md)\n");
        await File.AppendAllTextAsync(content.CourseFile("service-design", "01-what-is-service-design.md"), "\n追記しました。\n");
        var lineOfBrokenLink = (await File.ReadAllLinesAsync(lesson)).Length;

        var results = await ImportAsync(content.Root);

        var failed = Assert.Single(results, r => r.Outcome == CourseImportOutcome.Failed);
        Assert.Equal("data-literacy", failed.Slug);
        Assert.Equal(1, failed.VersionNumber);
        Assert.Equal($"content/courses/data-literacy/04-charts.md:{lineOfBrokenLink}: リンク先「07-missing.md」が存在しません。", Assert.Single(failed.Issues).ToString());
        Assert.Equal(CourseImportOutcome.NewVersion, results.Single(r => r.Slug == "service-design").Outcome);
        Assert.Equal(1, await _database.WithDbAsync(db => db.CourseVersions.CountAsync(v => v.Course.Slug == "data-literacy")));
        Assert.Equal(1, await _database.WithDbAsync(db => db.Courses.Where(c => c.Slug == "data-literacy").Select(c => c.PublishedVersionNumber).SingleAsync()));
    }

    [Fact]
    public async Task An_editor_publish_is_not_undone_by_the_unchanged_folder()
    {
        await ImportAsync(RepositoryContent.Root);
        var files = await CourseFiles.ReadFolderAsync(Path.Combine(RepositoryContent.CoursesFolder, "personal-information"));
        files["01-law-basics.md"] = [.. files["01-law-basics.md"], .. "\nブラウザで追記。\n"u8.ToArray()];

        var edited = await _database.WithImporterAsync(importer => importer.PublishAsync("personal-information", files, "editor", CourseOrigin.Editor));
        var again = await ImportAsync(RepositoryContent.Root);

        Assert.Equal((CourseImportOutcome.NewVersion, (int?)2), (edited.Outcome, edited.VersionNumber));
        Assert.Equal(CourseImportOutcome.Unchanged, again.Single(r => r.Slug == "personal-information").Outcome);
        Assert.Equal(2, await _database.WithDbAsync(db => db.Courses.Where(c => c.Slug == "personal-information").Select(c => c.PublishedVersionNumber).SingleAsync()));
        var origin = await _database.WithDbAsync(db => db.CourseVersions.Where(v => v.Course.Slug == "personal-information" && v.Number == 2).Select(v => v.Origin).SingleAsync());
        Assert.Equal(CourseOrigin.Editor, origin);
    }

    [Fact]
    public async Task Windows_line_endings_do_not_make_a_new_version()
    {
        using var content = RepositoryContent.Copy();
        await ImportAsync(content.Root);
        var file = content.CourseFile("meguro-dx-basics", "course.md");
        await File.WriteAllTextAsync(file, "\uFEFF" + (await File.ReadAllTextAsync(file)).Replace("\n", "\r\n", StringComparison.Ordinal));

        var results = await ImportAsync(content.Root);

        Assert.All(results, r => Assert.Equal(CourseImportOutcome.Unchanged, r.Outcome));
    }
}

public sealed class SqliteCourseImporterTests() : CourseImporterTests(DatabaseKind.Sqlite);

public sealed class PostgresCourseImporterTests() : CourseImporterTests(DatabaseKind.PostgreSQL);
