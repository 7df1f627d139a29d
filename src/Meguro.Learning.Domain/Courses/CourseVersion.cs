using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Domain.Courses;

/// <summary>
/// One published state of a course. Immutable once saved: the rendered HTML stored here is the
/// per-version cache, and a change to any file makes a new version instead of editing this one.
/// </summary>
public class CourseVersion
{
    private readonly List<CourseVersionSkill> _skills = [];
    private readonly List<Lesson> _lessons = [];
    private readonly List<CourseVersionMedia> _media = [];
    private readonly List<CourseVersionFile> _files = [];

    private CourseVersion() { }

    internal CourseVersion(Course course, int number, CourseVersionContent content, CourseOrigin origin, string publishedBy, DateTime publishedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(content.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(publishedBy);
        if (content.ContentHash.Length != 64)
        {
            throw new DomainException("コースの内容ハッシュが不正です。");
        }
        if (content.Minutes < 0)
        {
            throw new DomainException("所要時間は0分以上にしてください。");
        }
        Course = course;
        CourseId = course.Id;
        Number = number;
        ContentHash = content.ContentHash;
        Title = content.Title.Trim();
        Summary = content.Summary.Trim();
        Category = content.Category.Trim();
        AudienceJobLevelCodes = [.. content.AudienceJobLevelCodes];
        AudienceRoles = [.. content.AudienceRoles];
        Minutes = content.Minutes;
        SelfEnroll = content.SelfEnroll;
        Yearly = content.Yearly;
        VersionNotes = content.VersionNotes.Trim();
        OverviewMarkdown = content.OverviewMarkdown;
        OverviewHtml = content.OverviewHtml;
        SearchText = content.SearchText;
        Origin = origin;
        PublishedBy = publishedBy;
        PublishedAtUtc = DateTime.SpecifyKind(publishedAtUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int CourseId { get; private set; }
    public Course Course { get; private set; } = null!;
    public int Number { get; private set; }

    /// <summary>SHA-256 (hex) over every file of the course folder; equal hashes mean equal content.</summary>
    public string ContentHash { get; private set; } = "";

    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Category { get; private set; } = "";

    /// <summary>職層 codes the course is meant for; empty together with <see cref="AudienceRoles"/> means everyone.</summary>
    public string[] AudienceJobLevelCodes { get; private set; } = [];

    public string[] AudienceRoles { get; private set; } = [];
    public int Minutes { get; private set; }
    public bool SelfEnroll { get; private set; }

    /// <summary>Must be taken again every fiscal year (e.g. 情報セキュリティ研修).</summary>
    public bool Yearly { get; private set; }

    public string VersionNotes { get; private set; } = "";
    public string OverviewMarkdown { get; private set; } = "";
    public string OverviewHtml { get; private set; } = "";

    /// <summary>Title, summary and all lesson text, normalised by <see cref="CourseSearch.Normalize"/>.</summary>
    public string SearchText { get; private set; } = "";

    public DateTime PublishedAtUtc { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public CourseOrigin Origin { get; private set; }

    public IReadOnlyCollection<CourseVersionSkill> Skills => _skills;
    public IReadOnlyCollection<Lesson> Lessons => _lessons;
    public IReadOnlyCollection<CourseVersionMedia> Media => _media;
    public IReadOnlyCollection<CourseVersionFile> Files => _files;

    /// <summary>
    /// Whether a person may see the course in the catalogue: an empty audience is everyone;
    /// otherwise their 職層 or any of their roles must be listed.
    /// </summary>
    public bool IsVisibleTo(string? jobLevelCode, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (AudienceJobLevelCodes.Length == 0 && AudienceRoles.Length == 0)
        {
            return true;
        }
        return (jobLevelCode is not null && AudienceJobLevelCodes.Contains(jobLevelCode, StringComparer.Ordinal))
            || roles.Any(r => AudienceRoles.Contains(r, StringComparer.Ordinal));
    }

    public void AddSkill(Skill skill, int level)
    {
        ArgumentNullException.ThrowIfNull(skill);
        if (!SkillLevel.IsValid(level))
        {
            throw new DomainException($"スキル「{skill.Code}」のレベルは1〜4で指定してください。");
        }
        if (_skills.Any(s => ReferenceEquals(s.Skill, skill)))
        {
            throw new DomainException($"スキル「{skill.Code}」が重複しています。");
        }
        _skills.Add(new CourseVersionSkill(this, skill, level));
    }

    public Lesson AddLesson(int number, string slug, string title, int minutes, string markdown, string html, IReadOnlyList<LessonHeading> headings)
    {
        if (number != _lessons.Count + 1)
        {
            throw new DomainException($"レッスン番号は1から連番にしてください（{_lessons.Count + 1} の次に {number} は追加できません）。");
        }
        if (_lessons.Any(l => l.Slug == slug))
        {
            throw new DomainException($"レッスン「{slug}」が重複しています。");
        }
        var lesson = new Lesson(this, number, slug, title, minutes, markdown, html, headings);
        _lessons.Add(lesson);
        return lesson;
    }

    public void AddMedia(string fileName, MediaBlob blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        _media.Add(new CourseVersionMedia(this, fileName, blob));
    }

    public void AddFile(string path, string text) => _files.Add(new CourseVersionFile(this, path, text));

    public Lesson? FindLesson(string slug) => _lessons.FirstOrDefault(l => l.Slug == slug);
}
