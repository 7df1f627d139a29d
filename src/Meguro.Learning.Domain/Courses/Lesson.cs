namespace Meguro.Learning.Domain.Courses;

/// <summary>An entry of a lesson's table of contents: heading level (2 = ##), anchor id and text.</summary>
public sealed record LessonHeading(int Level, string Id, string Text);

/// <summary>
/// One lesson of a course version, from the file <c>NN-slug.md</c>. The slug (file name without
/// number and extension) is what learner progress follows from one version to the next.
/// </summary>
public class Lesson
{
    private Lesson() { }

    internal Lesson(CourseVersion version, int number, string slug, string title, int minutes, string markdown, string html, IReadOnlyList<LessonHeading> headings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (minutes < 0)
        {
            throw new DomainException($"レッスン「{title}」の所要時間は0分以上にしてください。");
        }
        CourseVersion = version;
        Number = number;
        Slug = slug;
        Title = title.Trim();
        Minutes = minutes;
        Markdown = markdown;
        Html = html;
        Headings = [.. headings];
    }

    public int Id { get; private set; }
    public int CourseVersionId { get; private set; }
    public CourseVersion CourseVersion { get; private set; } = null!;
    public int Number { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Minutes { get; private set; }
    public string Markdown { get; private set; } = "";

    /// <summary>Sanitised HTML, rendered once at publish.</summary>
    public string Html { get; private set; } = "";

    public IReadOnlyList<LessonHeading> Headings { get; private set; } = [];
}
