using System.Text.RegularExpressions;

namespace Meguro.Learning.Domain.Courses;

/// <summary>
/// The work in progress of one course in the browser editor: its Markdown files and media, on top
/// of the published version it started from (<see cref="BaseVersionNumber"/>, 0 for a course that
/// was never published). One draft per course (unique slug). <see cref="Revision"/> goes up by one
/// on every save of the text and is the concurrency token: a save made from an older revision is
/// refused, so two authors never silently overwrite each other.
/// </summary>
public partial class CourseDraft
{
    public const string StaleMessage = "他の人が先に保存しました。あなたの入力は消えていません。最新の内容を確認してから、もう一度保存してください。";

    private readonly List<CourseDraftFile> _files = [];
    private readonly List<CourseDraftMedia> _media = [];

    private CourseDraft() { }

    /// <summary>A new draft with <paramref name="files"/> (path → Markdown) and <paramref name="media"/> (file name → blob).</summary>
    public CourseDraft(string slug, Course? course, int baseVersionNumber, IEnumerable<KeyValuePair<string, string>> files,
        IEnumerable<KeyValuePair<string, MediaBlob>> media, string by, DateTime nowUtc)
    {
        if (!Course.IsValidSlug(slug))
        {
            throw new DomainException($"コースのスラッグ「{slug}」は英小文字・数字・ハイフンで指定してください。");
        }
        if (course is not null && course.Slug != slug)
        {
            throw new DomainException($"下書きのスラッグ「{slug}」がコース「{course.Slug}」と一致しません。");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Slug = slug;
        Course = course;
        CourseId = course?.Id;
        BaseVersionNumber = baseVersionNumber;
        foreach (var (path, text) in files)
        {
            SetFile(path, text);
        }
        foreach (var (name, blob) in media)
        {
            SetMedia(name, blob);
        }
        Revision = 1;
        CreatedBy = by;
        Touch(by, nowUtc);
    }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public int? CourseId { get; private set; }
    public Course? Course { get; private set; }

    /// <summary>The published version the draft was started from; 0 when the course has none yet.</summary>
    public int BaseVersionNumber { get; private set; }

    public int Revision { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public IReadOnlyCollection<CourseDraftFile> Files => _files;
    public IReadOnlyCollection<CourseDraftMedia> Media => _media;

    public static bool IsLessonFile(string path) => LessonFilePattern().IsMatch(path);

    /// <summary>Markdown files the editor lists: course.md, the lessons in order, then quiz.md.</summary>
    public IReadOnlyList<CourseDraftFile> OrderedFiles() =>
        [.. _files.OrderBy(f => f.Path == "course.md" ? 0 : IsLessonFile(f.Path) ? 1 : 2).ThenBy(f => f.Path, StringComparer.Ordinal)];

    public CourseDraftFile? FindFile(string path) => _files.FirstOrDefault(f => f.Path == path);

    /// <summary>Saves the text of one file; refused when the author worked on an older revision.</summary>
    public void SaveFile(string path, string text, int expectedRevision, string by, DateTime nowUtc)
    {
        EnsureRevision(expectedRevision);
        if (FindFile(path) is null)
        {
            throw new DomainException($"ファイル「{path}」は下書きにありません。");
        }
        SetFile(path, text);
        Revision++;
        Touch(by, nowUtc);
    }

    /// <summary>Adds lesson NN-<paramref name="lessonSlug"/>.md after the last one, with a title in its front matter.</summary>
    public CourseDraftFile AddLesson(string lessonSlug, string title, int expectedRevision, string by, DateTime nowUtc)
    {
        EnsureRevision(expectedRevision);
        if (!Course.IsValidSlug(lessonSlug))
        {
            throw new DomainException("レッスンのスラッグは英小文字・数字・ハイフンで指定してください（例: first-steps）。");
        }
        if (_files.Any(f => IsLessonFile(f.Path) && f.Path[3..^3] == lessonSlug))
        {
            throw new DomainException($"レッスンのスラッグ「{lessonSlug}」は既にあります。");
        }
        var next = _files.Where(f => IsLessonFile(f.Path)).Select(f => int.Parse(f.Path[..2])).DefaultIfEmpty(0).Max() + 1;
        if (next > 99)
        {
            throw new DomainException("レッスンは99個までです。");
        }
        var cleanTitle = string.IsNullOrWhiteSpace(title) ? "新しいレッスン" : title.Trim().Replace("\"", "”", StringComparison.Ordinal);
        var file = SetFile($"{next:00}-{lessonSlug}.md", $"---\ntitle: \"{cleanTitle}\"\nminutes: 10\n---\n## はじめに\n\nここに本文を書きます。\n");
        Revision++;
        Touch(by, nowUtc);
        return file;
    }

    /// <summary>The quiz files a course may have; it has at most one of them.</summary>
    public static readonly IReadOnlyList<string> QuizFileNames = ["quiz.md", "quiz.gift"];

    /// <summary>
    /// Puts the course quiz (an upload or a new quiz): <paramref name="fileName"/> is quiz.md or quiz.gift,
    /// and the other one is removed, because a course with both is refused at publication.
    /// </summary>
    public void PutQuiz(string fileName, string text, int expectedRevision, string by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureRevision(expectedRevision);
        if (!QuizFileNames.Contains(fileName))
        {
            throw new DomainException("クイズのファイル名は quiz.md か quiz.gift にしてください。");
        }
        _files.RemoveAll(f => QuizFileNames.Contains(f.Path) && f.Path != fileName);
        SetFile(fileName, text);
        Revision++;
        Touch(by, nowUtc);
    }

    /// <summary>Removes the course quiz: the course is then completed by its lessons alone.</summary>
    public bool RemoveQuiz(int expectedRevision, string by, DateTime nowUtc)
    {
        EnsureRevision(expectedRevision);
        if (_files.RemoveAll(f => QuizFileNames.Contains(f.Path)) == 0)
        {
            return false;
        }
        Revision++;
        Touch(by, nowUtc);
        return true;
    }

    /// <summary>Deletes a lesson. course.md and quiz.md cannot be deleted here.</summary>
    public void DeleteLesson(string path, int expectedRevision, string by, DateTime nowUtc)
    {
        EnsureRevision(expectedRevision);
        var file = FindFile(path);
        if (file is null || !IsLessonFile(path))
        {
            throw new DomainException($"レッスン「{path}」は下書きにありません。");
        }
        _files.Remove(file);
        Revision++;
        Touch(by, nowUtc);
    }

    /// <summary>Adds or replaces a media file (under media/).</summary>
    public void PutMedia(string fileName, MediaBlob blob, string by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(blob);
        SetMedia(fileName, blob);
        Touch(by, nowUtc);
    }

    public void RemoveMedia(string fileName, string by, DateTime nowUtc)
    {
        var existing = _media.FirstOrDefault(m => m.FileName == fileName)
            ?? throw new DomainException($"画像など「{fileName}」は下書きにありません。");
        _media.Remove(existing);
        Touch(by, nowUtc);
    }

    /// <summary>
    /// Replaces every file and media with those of an old version (restore). The author then
    /// publishes them as a new version; history is never rewritten.
    /// </summary>
    public void ReplaceAll(IEnumerable<KeyValuePair<string, string>> files, IEnumerable<KeyValuePair<string, MediaBlob>> media, string by, DateTime nowUtc)
    {
        // Rows of the same name are updated in place rather than deleted and added again, so the
        // unique (draft, path) indexes never see two rows at once.
        var fileList = files.ToList();
        var mediaList = media.ToList();
        _files.RemoveAll(f => fileList.All(n => n.Key != f.Path));
        _media.RemoveAll(m => mediaList.All(n => n.Key != m.FileName));
        foreach (var (path, text) in fileList)
        {
            SetFile(path, text);
        }
        foreach (var (name, blob) in mediaList)
        {
            SetMedia(name, blob);
        }
        Revision++;
        Touch(by, nowUtc);
    }

    private void EnsureRevision(int expectedRevision)
    {
        if (expectedRevision != Revision)
        {
            throw new DomainException(StaleMessage);
        }
    }

    private CourseDraftFile SetFile(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var normalized = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var file = FindFile(path);
        if (file is null)
        {
            file = new CourseDraftFile(this, path, normalized);
            _files.Add(file);
        }
        else
        {
            file.Text = normalized;
        }
        return file;
    }

    private void SetMedia(string fileName, MediaBlob blob)
    {
        var existing = _media.FirstOrDefault(m => m.FileName == fileName);
        if (existing is null)
        {
            _media.Add(new CourseDraftMedia(this, fileName, blob));
        }
        else
        {
            existing.Replace(blob);
        }
    }

    private void Touch(string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    [GeneratedRegex(@"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")]
    private static partial Regex LessonFilePattern();
}

/// <summary>The Markdown text of one file of a draft ("course.md", "02-phishing.md", "quiz.md").</summary>
public class CourseDraftFile
{
    private CourseDraftFile() { }

    internal CourseDraftFile(CourseDraft draft, string path, string text)
    {
        Draft = draft;
        Path = path;
        Text = text;
    }

    public int Id { get; private set; }
    public int DraftId { get; private set; }
    public CourseDraft Draft { get; private set; } = null!;
    public string Path { get; private set; } = "";
    public string Text { get; internal set; } = "";
}

/// <summary>A media file name of a draft, pointing at its content-addressed bytes.</summary>
public class CourseDraftMedia
{
    private CourseDraftMedia() { }

    internal CourseDraftMedia(CourseDraft draft, string fileName, MediaBlob blob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        Draft = draft;
        FileName = fileName;
        Blob = blob;
        Sha256 = blob.Sha256;
        Size = blob.Bytes.LongLength;
    }

    public int Id { get; private set; }
    public int DraftId { get; private set; }
    public CourseDraft Draft { get; private set; } = null!;
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public MediaBlob Blob { get; private set; } = null!;
    public long Size { get; private set; }

    internal void Replace(MediaBlob blob)
    {
        Blob = blob;
        Sha256 = blob.Sha256;
        Size = blob.Bytes.LongLength;
    }
}
