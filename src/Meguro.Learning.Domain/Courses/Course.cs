using System.Text.RegularExpressions;

namespace Meguro.Learning.Domain.Courses;

/// <summary>
/// A course as learners know it: a stable slug (the folder name under <c>content/courses/</c> and
/// the URL) with numbered, immutable versions. Learners see <see cref="PublishedVersionNumber"/>;
/// older versions stay because enrollments, attempts and skills records point at the version studied.
/// </summary>
public partial class Course
{
    private readonly List<CourseVersion> _versions = [];

    private Course() { }

    public Course(string slug, DateTime createdAtUtc)
    {
        if (!IsValidSlug(slug))
        {
            throw new DomainException($"コースのスラッグ「{slug}」は英小文字・数字・ハイフンで指定してください。");
        }
        Slug = slug;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The number of the version learners get; null until the first publish.</summary>
    public int? PublishedVersionNumber { get; private set; }

    /// <summary>The highest version number handed out, so the next one is always this + 1.</summary>
    public int LatestVersionNumber { get; private set; }

    public bool IsArchived { get; private set; }

    public IReadOnlyCollection<CourseVersion> Versions => _versions;

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>Creates the next version (number = latest + 1). It is not visible until <see cref="Publish"/>.</summary>
    public CourseVersion AddVersion(CourseVersionContent content, CourseOrigin origin, string publishedBy, DateTime publishedAtUtc)
    {
        var version = new CourseVersion(this, LatestVersionNumber + 1, content, origin, publishedBy, publishedAtUtc);
        _versions.Add(version);
        LatestVersionNumber = version.Number;
        return version;
    }

    /// <summary>Makes <paramref name="version"/> the one learners see.</summary>
    public void Publish(CourseVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!ReferenceEquals(version.Course, this) && (Id == 0 || version.CourseId != Id))
        {
            throw new DomainException($"第{version.Number}版はコース「{Slug}」の版ではありません。");
        }
        if (IsArchived)
        {
            throw new DomainException($"コース「{Slug}」はアーカイブされているため公開できません。");
        }
        PublishedVersionNumber = version.Number;
    }

    public bool IsPublished => PublishedVersionNumber is not null && !IsArchived;

    public void Archive() => IsArchived = true;

    public void Restore() => IsArchived = false;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
