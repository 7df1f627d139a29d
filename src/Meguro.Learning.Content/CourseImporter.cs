using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Content;

public enum CourseImportOutcome
{
    Created,
    NewVersion,
    Unchanged,
    Failed,
}

/// <summary>What happened to one course folder. <see cref="VersionNumber"/> is the version learners now see.</summary>
public sealed record CourseImportResult(string Slug, CourseImportOutcome Outcome, int? VersionNumber, IReadOnlyList<ContentIssue> Issues);

/// <summary>
/// Publishes course folders into the database, from <c>content/courses/</c> or (later) the browser
/// editor. Idempotent by content hash: a folder that has not changed writes nothing. A change becomes
/// the next version and is published at once; older versions stay for the learners who studied them.
/// Each course is saved on its own, so a malformed course never stops the others.
/// </summary>
public sealed class CourseImporter(LearningDbContext db, CourseParser parser, TimeProvider clock)
{
    public const string CoursesFolder = "courses";
    public const string AuditAction = "コース公開";

    public async Task<IReadOnlyList<CourseImportResult>> ImportAllAsync(string contentRoot, string actor, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(contentRoot, CoursesFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var results = new List<CourseImportResult>();
        foreach (var courseFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileName(courseFolder);
            if (slug.StartsWith('.'))
            {
                continue;
            }
            var files = await CourseFiles.ReadFolderAsync(courseFolder, cancellationToken);
            results.Add(await PublishAsync(slug, files, actor, CourseOrigin.Import, cancellationToken));
        }
        return results;
    }

    /// <summary>
    /// Checks <paramref name="files"/> and, if they are valid and new, publishes them as the next
    /// version of <paramref name="slug"/> with an audit entry. Nothing is written when they are not.
    /// </summary>
    public async Task<CourseImportResult> PublishAsync(
        string slug, IReadOnlyDictionary<string, byte[]> files, string actor, CourseOrigin origin, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TryPublishAsync(slug, files, actor, origin, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another app node published the same folder at the same moment (unique slug or
            // version number): look again, which normally finds it unchanged.
            db.ChangeTracker.Clear();
            return await TryPublishAsync(slug, files, actor, origin, cancellationToken);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return Failed(slug, new ContentIssue(CourseParser.FileLabel(slug, ""), 0, ex.Message));
        }
    }

    private async Task<CourseImportResult> TryPublishAsync(
        string slug, IReadOnlyDictionary<string, byte[]> files, string actor, CourseOrigin origin, CancellationToken cancellationToken)
    {
        var hash = CourseFiles.ContentHash(files);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (course is not null && await IsUnchangedAsync(course, hash, origin, cancellationToken))
        {
            return new CourseImportResult(slug, CourseImportOutcome.Unchanged, course.PublishedVersionNumber, []);
        }
        var parsed = parser.Parse(slug, files, await LoadReferenceAsync(cancellationToken), (course?.LatestVersionNumber ?? 0) + 1);
        if (!parsed.IsValid)
        {
            return new CourseImportResult(slug, CourseImportOutcome.Failed, course?.PublishedVersionNumber, parsed.Issues);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = course is null ? CourseImportOutcome.Created : CourseImportOutcome.NewVersion;
        if (course is null)
        {
            course = new Course(slug, now);
            db.Courses.Add(course);
        }
        var version = course.AddVersion(parsed.Content!, origin, actor, now);
        await FillAsync(version, parsed, cancellationToken);
        course.Publish(version);
        db.AuditEntries.Add(new AuditEntry(now, actor, AuditAction, slug, Describe(version, parsed)));
        await db.SaveChangesAsync(cancellationToken);
        return new CourseImportResult(slug, outcome, version.Number, []);
    }

    /// <summary>
    /// Unchanged = the same as the published version, or (for content/) the same as the last
    /// import. The second rule keeps a stale folder from undoing a later edit made in the browser,
    /// while a real change of the files, even back to an old state, is still a new version.
    /// </summary>
    private async Task<bool> IsUnchangedAsync(Course course, string hash, CourseOrigin origin, CancellationToken cancellationToken)
    {
        var published = await db.CourseVersions
            .Where(v => v.CourseId == course.Id && v.Number == course.PublishedVersionNumber)
            .Select(v => v.ContentHash)
            .SingleOrDefaultAsync(cancellationToken);
        if (published == hash || origin != CourseOrigin.Import)
        {
            return published == hash;
        }
        var lastImport = await db.CourseVersions
            .Where(v => v.CourseId == course.Id && v.Origin == CourseOrigin.Import)
            .OrderByDescending(v => v.Number)
            .Select(v => v.ContentHash)
            .FirstOrDefaultAsync(cancellationToken);
        return lastImport == hash;
    }

    /// <summary>
    /// Parses <paramref name="files"/> as the next version of <paramref name="slug"/> would be, without
    /// writing anything: the editor's check before publishing, and its preview.
    /// </summary>
    public async Task<ParsedCourse> CheckAsync(string slug, IReadOnlyDictionary<string, byte[]> files, string? mediaUrlBase = null, CancellationToken cancellationToken = default)
    {
        var latest = await db.Courses.Where(c => c.Slug == slug).Select(c => (int?)c.LatestVersionNumber).SingleOrDefaultAsync(cancellationToken);
        return parser.Parse(slug, files, await LoadReferenceAsync(cancellationToken), (latest ?? 0) + 1, mediaUrlBase);
    }

    private async Task<CourseReference> LoadReferenceAsync(CancellationToken cancellationToken)
    {
        var skills = await db.Skills.Where(s => s.IsActive).Select(s => s.Code).ToListAsync(cancellationToken);
        var jobLevels = await db.JobLevels.Select(l => l.Code).ToListAsync(cancellationToken);
        return new CourseReference(skills.ToHashSet(StringComparer.Ordinal), jobLevels.ToHashSet(StringComparer.Ordinal));
    }

    private async Task FillAsync(CourseVersion version, ParsedCourse parsed, CancellationToken cancellationToken)
    {
        var codes = parsed.Skills.Select(s => s.Code).ToList();
        var skills = await db.Skills.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, cancellationToken);
        foreach (var skill in parsed.Skills)
        {
            version.AddSkill(skills[skill.Code], skill.Level);
        }
        foreach (var lesson in parsed.Lessons)
        {
            version.AddLesson(lesson.Number, lesson.Slug, lesson.Title, lesson.Minutes, lesson.Markdown, lesson.Rendered.Html, lesson.Rendered.Headings);
        }
        foreach (var media in parsed.Media)
        {
            version.AddMedia(media.FileName, await FindOrAddBlobAsync(media, cancellationToken));
        }
        foreach (var (path, text) in parsed.SourceFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            version.AddFile(path, text);
        }
    }

    private async Task<MediaBlob> FindOrAddBlobAsync(ParsedMedia media, CancellationToken cancellationToken)
    {
        var existing = await db.MediaBlobs.FindAsync([MediaBlob.HashOf(media.Bytes)], cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var blob = new MediaBlob(media.Bytes, media.ContentType);
        db.MediaBlobs.Add(blob);
        return blob;
    }

    private static string Describe(CourseVersion version, ParsedCourse parsed) =>
        $"第{version.Number}版「{version.Title}」を公開しました（{(version.Origin == CourseOrigin.Import ? "content/ から取込" : "エディタ")}、" +
        $"レッスン {parsed.Lessons.Count} 件、画像など {parsed.Media.Count} 件、内容ハッシュ {version.ContentHash[..12]}）。";

    private static CourseImportResult Failed(string slug, ContentIssue issue) => new(slug, CourseImportOutcome.Failed, null, [issue]);
}
