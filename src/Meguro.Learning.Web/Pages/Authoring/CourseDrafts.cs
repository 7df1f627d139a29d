using System.Text;
using System.Text.RegularExpressions;
using Meguro.Learning.Content;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Authoring;

/// <summary>One Markdown file as the editor shows it.</summary>
public sealed record EditorFile(string Path, string Text)
{
    public bool IsLesson => CourseDraft.IsLessonFile(Path);
    public bool IsEditable => Path == CourseParser.CourseFileName || IsLesson || CourseDraft.QuizFileNames.Contains(Path);
}

/// <summary>One media file as the editor lists it.</summary>
public sealed record EditorMedia(string FileName, string Sha256, long Size);

/// <summary>
/// What the editor works on for one slug: the draft if there is one, otherwise the published
/// version (revision 0: the first save starts the draft from it).
/// </summary>
public sealed record CourseWorkspace(
    string Slug,
    string Title,
    Course? Course,
    CourseVersion? Published,
    CourseDraft? Draft,
    IReadOnlyList<EditorFile> Files,
    IReadOnlyList<EditorMedia> Media)
{
    public int Revision => Draft?.Revision ?? 0;
    public EditorFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);
}

/// <summary>The issues of a check and, for the file being edited, its rendered preview.</summary>
public sealed record DraftPreview(string Html, IReadOnlyList<ContentIssue> Issues);

/// <summary>
/// The authoring side of courses, shared by the pages under /authoring: loads drafts and published
/// versions, starts a draft, builds the file set for the parser and the importer, and previews.
/// </summary>
public sealed partial class CourseDrafts(LearningDbContext db, CourseImporter importer, CourseMarkdown markdown, CourseParser parser, AuditLog audit, TimeProvider clock)
{
    public const string AuditCreate = "コース作成（下書き）";
    public const string AuditMediaAdd = "教材の画像など追加";
    public const string AuditMediaDelete = "教材の画像など削除";
    public const string AuditLessonDelete = "レッスン削除";
    public const string AuditRestore = "コースの版を下書きに復元";
    public const string AuditQuizImport = "クイズの取込み";
    public const string AuditQuizRemove = "クイズの削除";

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<CourseDraft?> FindDraftAsync(string slug, CancellationToken ct) =>
        db.CourseDrafts.Include(d => d.Files).Include(d => d.Media).AsSplitQuery().SingleOrDefaultAsync(d => d.Slug == slug, ct);

    public Task<CourseVersion?> PublishedAsync(Course course, CancellationToken ct) =>
        db.CourseVersions.Include(v => v.Files).Include(v => v.Media)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.CourseId == course.Id && v.Number == course.PublishedVersionNumber, ct);

    /// <summary>The workspace for <paramref name="slug"/>, or null when there is neither a course nor a draft.</summary>
    public async Task<CourseWorkspace?> LoadAsync(string slug, CancellationToken ct)
    {
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        var draft = await FindDraftAsync(slug, ct);
        if (course is null && draft is null)
        {
            return null;
        }
        var published = course is null ? null : await PublishedAsync(course, ct);
        IReadOnlyList<EditorFile> files = draft is not null
            ? [.. draft.OrderedFiles().Select(f => new EditorFile(f.Path, f.Text))]
            : [.. Order((published?.Files ?? []).Select(f => new EditorFile(f.Path, f.Text)))];
        IReadOnlyList<EditorMedia> media = draft is not null
            ? [.. draft.Media.OrderBy(m => m.FileName, StringComparer.Ordinal).Select(m => new EditorMedia(m.FileName, m.Sha256, m.Size))]
            : [.. (published?.Media ?? []).OrderBy(m => m.FileName, StringComparer.Ordinal).Select(m => new EditorMedia(m.FileName, m.Sha256, m.Size))];
        var title = draft is not null ? TitleOf(files) ?? published?.Title ?? slug : published?.Title ?? slug;
        return new CourseWorkspace(slug, title, course, published, draft, files, media);
    }

    /// <summary>
    /// The draft to change: the existing one (the author's revision must be current), or a new one
    /// started from the published version when the author saw revision 0. Returns the revision to expect.
    /// </summary>
    public async Task<(CourseDraft Draft, int ExpectedRevision)> DraftForChangeAsync(string slug, int postedRevision, string by, CancellationToken ct)
    {
        var draft = await FindDraftAsync(slug, ct);
        if (draft is not null)
        {
            return (draft, postedRevision);
        }
        if (postedRevision != 0)
        {
            // The draft the author was editing has been published or discarded meanwhile.
            throw new DomainException(CourseDraft.StaleMessage);
        }
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Slug == slug, ct)
            ?? throw new DomainException($"コース「{slug}」はありません。");
        var published = await db.CourseVersions.Include(v => v.Files).Include(v => v.Media).ThenInclude(m => m.Blob)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.CourseId == course.Id && v.Number == course.PublishedVersionNumber, ct);
        draft = new CourseDraft(slug, course, published?.Number ?? 0,
            (published?.Files ?? []).Select(f => KeyValuePair.Create(f.Path, f.Text)),
            (published?.Media ?? []).Select(m => KeyValuePair.Create(m.FileName, m.Blob)),
            by, Now);
        db.CourseDrafts.Add(draft);
        return (draft, draft.Revision);
    }

    /// <summary>Whether the draft differs from the version it would replace (text or media).</summary>
    public static bool HasChanges(CourseWorkspace workspace)
    {
        if (workspace.Draft is null)
        {
            return false;
        }
        if (workspace.Published is null)
        {
            return true;
        }
        var files = workspace.Published.Files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var media = workspace.Published.Media.ToDictionary(m => m.FileName, m => m.Sha256, StringComparer.Ordinal);
        return files.Count != workspace.Draft.Files.Count
            || media.Count != workspace.Draft.Media.Count
            || workspace.Draft.Files.Any(f => !files.TryGetValue(f.Path, out var text) || text != f.Text)
            || workspace.Draft.Media.Any(m => !media.TryGetValue(m.FileName, out var sha) || sha != m.Sha256);
    }

    /// <summary>The course folder as the parser and importer read it: Markdown as UTF-8, media under media/.</summary>
    public async Task<Dictionary<string, byte[]>> FileSetAsync(IEnumerable<EditorFile> files, IEnumerable<EditorMedia> media, CancellationToken ct)
    {
        var set = files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text), StringComparer.Ordinal);
        var mediaList = media.ToList();
        var hashes = mediaList.Select(m => m.Sha256).Distinct().ToList();
        var blobs = await db.MediaBlobs.AsNoTracking().Where(b => hashes.Contains(b.Sha256))
            .Select(b => new { b.Sha256, b.Bytes }).ToDictionaryAsync(b => b.Sha256, b => b.Bytes, ct);
        foreach (var m in mediaList)
        {
            set[$"{CourseParser.MediaFolder}/{m.FileName}"] = blobs[m.Sha256];
        }
        return set;
    }

    /// <summary>
    /// Renders <paramref name="path"/> with <paramref name="text"/> through the learner's Markdown
    /// pipeline (draft media served by the editor) and checks the whole course with that text.
    /// </summary>
    public async Task<DraftPreview> PreviewAsync(CourseWorkspace workspace, string path, string text, CancellationToken ct)
    {
        var files = workspace.Files.Where(f => f.Path != path).Append(new EditorFile(path, text)).ToList();
        var mediaBase = MarkdownContext.DraftMediaUrlBase(workspace.Slug);
        var parsed = await importer.CheckAsync(workspace.Slug, await FileSetAsync(files, workspace.Media, ct), mediaBase, ct);
        var lessons = files.Where(f => f.IsLesson).ToDictionary(f => f.Path, f => f.Path[3..^3], StringComparer.Ordinal);
        var context = new MarkdownContext(workspace.Slug, (workspace.Course?.LatestVersionNumber ?? 0) + 1, lessons,
            workspace.Media.Select(m => m.FileName).ToHashSet(StringComparer.Ordinal),
            CourseParser.FileLabel(workspace.Slug, path), mediaBase);
        var html = CourseDraft.QuizFileNames.Contains(path)
            ? QuizPreviewHtml(ParseQuiz(workspace, path, text)?.Definition)
            : markdown.Render(text, context).Html;
        return new DraftPreview(html, parsed.Issues);
    }

    /// <summary>
    /// Parses a quiz as it would be published with the workspace: <paramref name="fileName"/> (quiz.md or
    /// quiz.gift) with <paramref name="text"/> replaces whichever quiz the workspace has. Null when there is no quiz.
    /// </summary>
    public QuizParseResult? ParseQuiz(CourseWorkspace workspace, string? fileName = null, string? text = null)
    {
        var files = workspace.Files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        if (fileName is not null)
        {
            foreach (var quizFile in CourseDraft.QuizFileNames)
            {
                files.Remove(quizFile);
            }
            files[fileName] = text ?? "";
        }
        var nextVersion = (workspace.Course?.LatestVersionNumber ?? 0) + 1;
        return parser.ParseQuiz(workspace.Slug, nextVersion, files, workspace.Media.Select(m => m.FileName));
    }

    /// <summary>The questions as a learner would read them, with the correct answers marked, for the editor's preview.</summary>
    private static string QuizPreviewHtml(QuizDefinition? quiz)
    {
        if (quiz is null)
        {
            return "<p>クイズに問題があるため、プレビューできません。下の一覧を確認してください。</p>";
        }
        var html = new StringBuilder();
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        foreach (var (q, n) in quiz.Questions.Select((q, i) => (q, i + 1)))
        {
            html.Append("<section class=\"quiz-preview\"><h3>問").Append(n).Append(' ').Append(encode.Encode(q.Title))
                .Append("（").Append(q.Points).Append("点）</h3>").Append(q.StemHtml).Append("<ul>");
            foreach (var c in q.Choices)
            {
                html.Append("<li>").Append(c.TextHtml).Append(c.IsCorrect ? "　<strong>（正解）</strong>" : "").Append("</li>");
            }
            foreach (var a in q.AcceptedAnswers)
            {
                html.Append("<li>答え: ").Append(encode.Encode(a.Text)).Append("</li>");
            }
            foreach (var a in q.NumericAnswers)
            {
                html.Append("<li>答え: ").Append(a.Value).Append(a.Tolerance == 0 ? "" : $" ± {a.Tolerance}").Append("</li>");
            }
            foreach (var p in q.Pairs)
            {
                html.Append("<li>").Append(encode.Encode(p.Left)).Append(" → ").Append(encode.Encode(p.Right)).Append("</li>");
            }
            html.Append("</ul>");
            if (q.FeedbackHtml is { } feedback)
            {
                html.Append("<div class=\"feedback\">").Append(feedback).Append("</div>");
            }
            html.Append("</section>");
        }
        return html.ToString();
    }

    /// <summary>A new course: a draft with a course.md whose front matter is valid and one lesson.</summary>
    public async Task<CourseDraft> CreateAsync(string slug, string title, string by, CancellationToken ct)
    {
        if (!Course.IsValidSlug(slug) || slug == "new")
        {
            throw new DomainException("スラッグは英小文字・数字・ハイフンで指定してください（例: cloud-basics）。");
        }
        if (await db.Courses.AnyAsync(c => c.Slug == slug, ct) || await db.CourseDrafts.AnyAsync(d => d.Slug == slug, ct))
        {
            throw new DomainException($"スラッグ「{slug}」のコースは既にあります。別のスラッグにしてください。");
        }
        var cleanTitle = title.Trim().Replace("\"", "”", StringComparison.Ordinal);
        if (cleanTitle.Length == 0 || cleanTitle.Length > CourseParser.MaxTitleLength)
        {
            throw new DomainException($"題名を入力してください（{CourseParser.MaxTitleLength} 文字まで）。");
        }
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CourseParser.CourseFileName] = $"""
                ---
                title: "{cleanTitle}"
                summary: このコースで身につくことを1〜2文で書きます。
                category: その他
                audience:
                  job_levels: []
                  roles: []
                self_enroll: true
                yearly: false
                skills: []
                version_notes: 初版
                ---
                ## ねらい

                このコースのねらいを書きます。

                ## 学ぶこと

                1. [はじめに](01-introduction.md)

                """.Replace("\r\n", "\n", StringComparison.Ordinal),
            ["01-introduction.md"] = """
                ---
                title: はじめに
                minutes: 10
                ---
                ## このレッスンで学ぶこと

                ここに本文を書きます。

                """.Replace("\r\n", "\n", StringComparison.Ordinal),
        };
        var draft = new CourseDraft(slug, null, 0, files, [], by, Now);
        db.CourseDrafts.Add(draft);
        audit.Record(by, AuditCreate, slug, $"新しいコース「{cleanTitle}」の下書きを作成しました。");
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public static string? TitleOf(IEnumerable<EditorFile> files)
    {
        var course = files.FirstOrDefault(f => f.Path == CourseParser.CourseFileName);
        if (course is null)
        {
            return null;
        }
        var match = TitleLine().Match(course.Text);
        return match.Success ? match.Groups[1].Value.Trim().Trim('"', '\'') : null;
    }

    private static IEnumerable<EditorFile> Order(IEnumerable<EditorFile> files) =>
        files.OrderBy(f => f.Path == CourseParser.CourseFileName ? 0 : f.IsLesson ? 1 : 2).ThenBy(f => f.Path, StringComparer.Ordinal);

    [GeneratedRegex(@"^title:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();
}
