using System.Text;
using System.Text.RegularExpressions;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Skills;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Meguro.Learning.Content;

/// <summary>The codes a course may refer to, taken from the database (skills catalogue and 職層).</summary>
public sealed record CourseReference(IReadOnlySet<string> SkillCodes, IReadOnlySet<string> JobLevelCodes);

public sealed record ParsedSkill(string Code, int Level);

public sealed record ParsedLesson(int Number, string Slug, string FileName, string Title, int Minutes, string Markdown, RenderedMarkdown Rendered);

public sealed record ParsedMedia(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// A course folder read and checked. <see cref="Content"/> is null when course.md could not be read;
/// a course with any <see cref="Issues"/> must not be published.
/// </summary>
public sealed record ParsedCourse(
    string Slug,
    string ContentHash,
    CourseVersionContent? Content,
    IReadOnlyList<ParsedSkill> Skills,
    IReadOnlyList<ParsedLesson> Lessons,
    IReadOnlyList<ParsedMedia> Media,
    IReadOnlyDictionary<string, string> SourceFiles,
    IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Issues.Count == 0 && Content is not null;
}

/// <summary>
/// Reads one course folder: <c>course.md</c> (front matter + overview), lessons <c>NN-slug.md</c>,
/// <c>media/</c> files, and <c>quiz.md</c>/<c>quiz.gift</c> kept as source for the quiz pipeline.
/// Every problem is collected (not just the first) so an author can fix a folder in one pass.
/// docs/content-format.md describes exactly what is accepted.
/// </summary>
public sealed partial class CourseParser(CourseMarkdown markdown)
{
    public const string CourseFileName = "course.md";
    public const string MediaFolder = "media";
    public const long MaxMediaBytes = 5 * 1024 * 1024;

    // Column sizes in the database (EntityConfigurations): checked here so PostgreSQL never has to refuse a row.
    public const int MaxTitleLength = 200;
    public const int MaxCategoryLength = 100;
    public const int MaxTextLength = 2000;

    public static readonly IReadOnlySet<string> QuizFileNames = new HashSet<string>(StringComparer.Ordinal) { "quiz.md", "quiz.gift" };

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string FileLabel(string slug, string path) => $"content/courses/{slug}/{path}";

    /// <summary>
    /// Checks and renders the folder as version <paramref name="versionNumber"/> (media URLs carry it).
    /// <paramref name="mediaUrlBase"/>: see <see cref="MarkdownContext.MediaUrlBase"/> (the editor's preview).
    /// </summary>
    public ParsedCourse Parse(string slug, IReadOnlyDictionary<string, byte[]> files, CourseReference reference, int versionNumber, string? mediaUrlBase = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(reference);
        var issues = new List<ContentIssue>();
        if (!Course.IsValidSlug(slug))
        {
            issues.Add(new(FileLabel(slug, ""), 0, $"フォルダ名「{slug}」はコースのスラッグとして使えません。英小文字・数字・ハイフンにしてください。"));
        }
        var texts = ReadTexts(slug, files, issues);
        var lessonFiles = ClassifyFiles(slug, files.Keys, issues);
        var media = ReadMedia(slug, files, issues);
        // Links to a media file that is itself rejected are not reported twice: the file's own issue says it.
        var mediaNames = files.Keys
            .Where(p => p.StartsWith(MediaFolder + "/", StringComparison.Ordinal))
            .Select(p => p[(MediaFolder.Length + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        var context = new MarkdownContext(slug, versionNumber,
            lessonFiles.ToDictionary(l => l.FileName, l => l.Slug, StringComparer.Ordinal), mediaNames, "", mediaUrlBase);

        var lessons = lessonFiles
            .Where(l => texts.ContainsKey(l.FileName))
            .Select(l => ParseLesson(slug, l, texts[l.FileName], context, issues))
            .ToList();
        var (content, skills) = texts.TryGetValue(CourseFileName, out var courseText)
            ? ParseCourseFile(slug, courseText, reference, lessons, context, files, issues)
            : (null, []);
        if (!texts.ContainsKey(CourseFileName))
        {
            issues.Add(new(FileLabel(slug, CourseFileName), 0, "course.md がありません。コースの題名や対象者は course.md に書きます。"));
        }
        CheckQuiz(slug, texts, context, issues);
        return new ParsedCourse(slug, CourseFiles.ContentHash(files), content, skills, lessons, media, texts, issues);
    }

    /// <summary>
    /// Parses the quiz of a published version from its stored source files, with the links and
    /// images resolved exactly as at publication. Null when the course has no quiz.
    /// </summary>
    public QuizParseResult? ParseQuiz(string slug, int versionNumber, IReadOnlyDictionary<string, string> textFiles, IEnumerable<string> mediaNames)
    {
        ArgumentNullException.ThrowIfNull(textFiles);
        ArgumentNullException.ThrowIfNull(mediaNames);
        var ignored = new List<ContentIssue>();
        var lessonFiles = ClassifyFiles(slug, textFiles.Keys, ignored);
        var context = new MarkdownContext(slug, versionNumber,
            lessonFiles.ToDictionary(l => l.FileName, l => l.Slug, StringComparer.Ordinal), mediaNames.ToHashSet(StringComparer.Ordinal), "");
        if (textFiles.TryGetValue(QuizMarkdownParser.FileName, out var md))
        {
            return new QuizMarkdownParser(markdown).Parse(md, FileLabel(slug, QuizMarkdownParser.FileName), context);
        }
        if (textFiles.TryGetValue(GiftParser.FileName, out var gift))
        {
            return new GiftParser(markdown).Parse(gift, FileLabel(slug, GiftParser.FileName), context);
        }
        return null;
    }

    /// <summary>
    /// A course with a malformed quiz is not published: learners would otherwise meet a quiz that
    /// cannot be taken. The quiz stays a source file of the version; the quiz pipeline reads it from there.
    /// </summary>
    private void CheckQuiz(string slug, Dictionary<string, string> texts, MarkdownContext context, List<ContentIssue> issues)
    {
        var markdownQuiz = texts.TryGetValue("quiz.md", out var md) ? md : null;
        var giftQuiz = texts.TryGetValue("quiz.gift", out var gift) ? gift : null;
        if (markdownQuiz is not null && giftQuiz is not null)
        {
            issues.Add(new(FileLabel(slug, "quiz.gift"), 0, "quiz.md と quiz.gift の両方があります。クイズはどちらか一方に書いてください。"));
            return;
        }
        if (markdownQuiz is not null)
        {
            issues.AddRange(new QuizMarkdownParser(markdown).Parse(markdownQuiz, FileLabel(slug, "quiz.md"), context).Issues);
        }
        else if (giftQuiz is not null)
        {
            issues.AddRange(new GiftParser(markdown).Parse(giftQuiz, FileLabel(slug, "quiz.gift"), context).Issues);
        }
    }

    /// <summary>
    /// Checks one file for media/ as the parser would (type, signature, size, SVG rules) and gives its
    /// content type, or the problems in Japanese. For uploads in the editor.
    /// </summary>
    public static (string? ContentType, IReadOnlyList<string> Problems) CheckMediaFile(string fileName, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var problems = MediaChecks.Check(fileName, bytes, MediaTypes)
            .Select(p => p.Line > 0 ? $"{p.Line} 行目: {p.Message}" : p.Message)
            .ToList();
        return problems.Count == 0 ? (MediaTypes[Path.GetExtension(fileName)], []) : (null, problems);
    }

    /// <summary>The extensions allowed under media/ (".png", ".svg", ".pdf", …).</summary>
    public static IReadOnlyCollection<string> MediaExtensions => MediaTypes.Keys;

    private static Dictionary<string, string> ReadTexts(string slug, IReadOnlyDictionary<string, byte[]> files, List<ContentIssue> issues)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, bytes) in files.Where(f => CourseFiles.IsText(f.Key) && !f.Key.Contains('/')))
        {
            try
            {
                StrictUtf8.GetString(bytes);
                texts[path] = CourseFiles.NormalizeText(bytes);
            }
            catch (DecoderFallbackException)
            {
                issues.Add(new(FileLabel(slug, path), 0, "文字コードを読み取れません。UTF-8 で保存してください。"));
            }
        }
        return texts;
    }

    private sealed record LessonFile(int Number, string Slug, string FileName);

    /// <summary>Sorts the folder's paths into lessons, known files and mistakes; checks lesson numbering.</summary>
    private static List<LessonFile> ClassifyFiles(string slug, IEnumerable<string> paths, List<ContentIssue> issues)
    {
        var lessons = new List<LessonFile>();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var match = LessonFilePattern().Match(path);
            if (match.Success)
            {
                lessons.Add(new LessonFile(int.Parse(match.Groups[1].Value), match.Groups[2].Value, path));
            }
            else if (path != CourseFileName && !QuizFileNames.Contains(path) && !path.StartsWith(MediaFolder + "/", StringComparison.Ordinal))
            {
                issues.Add(new(FileLabel(slug, path), 0, UnknownFileMessage(path)));
            }
        }
        CheckNumbering(slug, lessons, issues);
        return [.. lessons.OrderBy(l => l.Number).ThenBy(l => l.FileName, StringComparer.Ordinal)];
    }

    private static string UnknownFileMessage(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !path.Contains('/')
        ? "レッスンのファイル名は「01-slug.md」の形（2桁の番号、ハイフン、英小文字・数字・ハイフンのスラッグ）にしてください。"
        : "コースに含められないファイルです。使えるのは course.md、NN-slug.md のレッスン、quiz.md、media/ の画像とPDFです。";

    private static void CheckNumbering(string slug, List<LessonFile> lessons, List<ContentIssue> issues)
    {
        if (lessons.Count == 0)
        {
            issues.Add(new(FileLabel(slug, ""), 0, "レッスンが1つもありません。01-slug.md の形のファイルを置いてください。"));
            return;
        }
        foreach (var group in lessons.GroupBy(l => l.Number).Where(g => g.Count() > 1))
        {
            issues.Add(new(FileLabel(slug, group.Last().FileName), 0,
                $"レッスン番号 {group.Key:00} が重複しています（{string.Join("、", group.Select(l => l.FileName))}）。"));
        }
        foreach (var group in lessons.GroupBy(l => l.Slug).Where(g => g.Count() > 1))
        {
            issues.Add(new(FileLabel(slug, group.Last().FileName), 0,
                $"レッスンのスラッグ「{group.Key}」が重複しています（{string.Join("、", group.Select(l => l.FileName))}）。"));
        }
        var numbers = lessons.Select(l => l.Number).Distinct().Order().ToList();
        for (var expected = 1; expected <= numbers[^1]; expected++)
        {
            if (!numbers.Contains(expected))
            {
                issues.Add(new(FileLabel(slug, ""), 0, $"レッスン番号 {expected:00} がありません。レッスンは 01 から欠けずに番号を付けてください。"));
            }
        }
    }

    private static List<ParsedMedia> ReadMedia(string slug, IReadOnlyDictionary<string, byte[]> files, List<ContentIssue> issues)
    {
        var media = new List<ParsedMedia>();
        foreach (var (path, bytes) in files.Where(f => f.Key.StartsWith(MediaFolder + "/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var fileName = path[(MediaFolder.Length + 1)..];
            var problems = MediaChecks.Check(fileName, bytes, MediaTypes);
            issues.AddRange(problems.Select(p => new ContentIssue(FileLabel(slug, path), p.Line, p.Message)));
            if (problems.Count == 0)
            {
                media.Add(new ParsedMedia(fileName, MediaTypes[Path.GetExtension(fileName)], bytes));
            }
        }
        return media;
    }

    private ParsedLesson ParseLesson(string slug, LessonFile file, string text, MarkdownContext context, List<ContentIssue> issues)
    {
        var label = FileLabel(slug, file.FileName);
        var (frontMatter, body) = FrontMatter.Split(text);
        var countBefore = issues.Count;
        var meta = frontMatter is null
            ? MissingFrontMatter(label, issues)
            : FrontMatter.Read<LessonYaml>(frontMatter, label, issues) ?? new LessonYaml();
        if (issues.Count == countBefore && string.IsNullOrWhiteSpace(meta.Title))
        {
            issues.Add(new(label, 1, "title（レッスンの題名）がありません。"));
        }
        if (meta.Title.Trim().Length > MaxTitleLength)
        {
            issues.Add(new(label, FrontMatter.LineOf(text, "title:"), $"title が長すぎます（{MaxTitleLength} 文字まで）。"));
        }
        if (meta.Minutes < 0)
        {
            issues.Add(new(label, FrontMatter.LineOf(text, "minutes"), "minutes は0以上の分数で書いてください。"));
        }
        var rendered = markdown.Render(text, context with { FileLabel = label });
        issues.AddRange(rendered.Issues);
        return new ParsedLesson(file.Number, file.Slug, file.FileName, meta.Title.Trim(), Math.Max(meta.Minutes ?? 0, 0), body, rendered);
    }

    private static LessonYaml MissingFrontMatter(string label, List<ContentIssue> issues)
    {
        issues.Add(new(label, 1, "先頭に「---」で囲んだフロントマター（title など）がありません。"));
        return new LessonYaml();
    }

    private (CourseVersionContent?, IReadOnlyList<ParsedSkill>) ParseCourseFile(
        string slug, string text, CourseReference reference, List<ParsedLesson> lessons, MarkdownContext context,
        IReadOnlyDictionary<string, byte[]> files, List<ContentIssue> issues)
    {
        var label = FileLabel(slug, CourseFileName);
        var (frontMatter, body) = FrontMatter.Split(text);
        if (frontMatter is null)
        {
            issues.Add(new(label, 1, "先頭に「---」で囲んだフロントマター（title、summary など）がありません。"));
            return (null, []);
        }
        var countBefore = issues.Count;
        var meta = FrontMatter.Read<CourseYaml>(frontMatter, label, issues);
        if (meta is null)
        {
            if (issues.Count == countBefore)
            {
                issues.Add(new(label, 1, "title（コースの題名）がありません。"));
            }
            return (null, []);
        }
        var checker = new CourseYamlChecks(label, text, reference, issues);
        checker.Check(meta);
        var skills = checker.Skills(meta);
        var overview = markdown.Render(text, context with { FileLabel = label });
        issues.AddRange(overview.Issues);
        if (string.IsNullOrWhiteSpace(meta.Title))
        {
            return (null, skills);
        }
        var content = new CourseVersionContent(
            CourseFiles.ContentHash(files), meta.Title.Trim(), meta.Summary.Trim(), meta.Category.Trim(),
            meta.Audience.JobLevels.Select(c => c.Trim()).ToList(), meta.Audience.Roles.Select(r => r.Trim()).ToList(),
            meta.Minutes ?? lessons.Sum(l => l.Minutes), meta.SelfEnroll, meta.Yearly, meta.VersionNotes.Trim(),
            body, overview.Html, SearchText(meta, overview, lessons));
        return (content, skills);
    }

    private static string SearchText(CourseYaml meta, RenderedMarkdown overview, List<ParsedLesson> lessons)
    {
        var text = new StringBuilder().AppendLine(meta.Title).AppendLine(meta.Summary).AppendLine(meta.Category).AppendLine(overview.PlainText);
        foreach (var lesson in lessons)
        {
            text.AppendLine(lesson.Title).AppendLine(lesson.Rendered.PlainText);
        }
        return CourseSearch.Normalize(text.ToString());
    }

    /// <summary>The rules on course.md's front matter that need more than YAML syntax.</summary>
    private sealed class CourseYamlChecks(string label, string text, CourseReference reference, List<ContentIssue> issues)
    {
        public void Check(CourseYaml meta)
        {
            if (string.IsNullOrWhiteSpace(meta.Title))
            {
                issues.Add(new(label, 1, "title（コースの題名）がありません。"));
            }
            if (meta.Minutes is < 0)
            {
                issues.Add(new(label, FrontMatter.LineOf(text, "minutes"), "minutes は0以上の分数で書いてください。"));
            }
            CheckLength("title", meta.Title, MaxTitleLength);
            CheckLength("summary", meta.Summary, MaxTextLength);
            CheckLength("category", meta.Category, MaxCategoryLength);
            CheckLength("version_notes", meta.VersionNotes, MaxTextLength);
            foreach (var code in meta.Audience.JobLevels.Where(c => !reference.JobLevelCodes.Contains(c.Trim())))
            {
                issues.Add(new(label, FrontMatter.LineOf(text, code),
                    $"職層コード「{code}」は content/job-levels.yml にありません（{string.Join("、", reference.JobLevelCodes.Order())}）。"));
            }
            foreach (var role in meta.Audience.Roles.Where(r => !Roles.All.Contains(r.Trim())))
            {
                issues.Add(new(label, FrontMatter.LineOf(text, role), $"役割「{role}」は不明です（{string.Join("、", Roles.All)} のいずれか）。"));
            }
        }

        private void CheckLength(string key, string value, int max)
        {
            if (value.Trim().Length > max)
            {
                issues.Add(new(label, FrontMatter.LineOf(text, key + ":"), $"{key} が長すぎます（{max} 文字まで）。"));
            }
        }

        public List<ParsedSkill> Skills(CourseYaml meta)
        {
            var skills = new List<ParsedSkill>();
            foreach (var skill in meta.Skills)
            {
                var code = skill.Id.Trim();
                var line = FrontMatter.LineOf(text, code.Length > 0 ? code : "skills");
                if (!reference.SkillCodes.Contains(code))
                {
                    issues.Add(new(label, line, $"スキル「{code}」はスキル体系（content/skills/）にありません。"));
                }
                else if (!SkillLevel.IsValid(skill.Level))
                {
                    issues.Add(new(label, line, $"スキル「{code}」のレベル {skill.Level} は使えません。1〜4で指定してください。"));
                }
                else if (skills.Any(s => s.Code == code))
                {
                    issues.Add(new(label, line, $"スキル「{code}」が重複しています。"));
                }
                else
                {
                    skills.Add(new ParsedSkill(code, skill.Level));
                }
            }
            return skills;
        }
    }

    [GeneratedRegex(@"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")]
    private static partial Regex LessonFilePattern();

    internal sealed class CourseYaml
    {
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Category { get; set; } = "";
        public AudienceYaml Audience { get; set; } = new();
        public int? Minutes { get; set; }
        public bool SelfEnroll { get; set; } = true;
        public bool Yearly { get; set; }
        public List<SkillYaml> Skills { get; set; } = [];
        public string VersionNotes { get; set; } = "";
    }

    internal sealed class AudienceYaml
    {
        public List<string> JobLevels { get; set; } = [];
        public List<string> Roles { get; set; } = [];
    }

    internal sealed class SkillYaml
    {
        public string Id { get; set; } = "";
        public int Level { get; set; }
    }

    internal sealed class LessonYaml
    {
        public string Title { get; set; } = "";
        public int? Minutes { get; set; }
    }
}

/// <summary>The YAML block between the first two "---" lines of a Markdown file.</summary>
internal static partial class FrontMatter
{
    /// <summary>Front matter starts on line 2 of the file: YAML line n is file line n + 1.</summary>
    private const int FirstYamlLine = 2;

    public static (string? Yaml, string Body) Split(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return (null, text);
        }
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return (string.Join('\n', lines[1..i]), string.Join('\n', lines[(i + 1)..]).TrimStart('\n'));
            }
        }
        return (null, text);
    }

    public static T? Read<T>(string yaml, string label, List<ContentIssue> issues) where T : class
    {
        try
        {
            return new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<T>(yaml);
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line + FirstYamlLine - 1;
            var unknown = UnknownProperty().Match(ex.Message);
            issues.Add(new(label, line, unknown.Success
                ? $"「{unknown.Groups[1].Value}」という項目は使えません。"
                : $"YAML を読み取れません（{(ex.InnerException ?? ex).Message}）。"));
            return null;
        }
    }

    /// <summary>The first file line mentioning <paramref name="value"/>, so an issue can point at it; 1 if none does.</summary>
    public static int LineOf(string text, string value)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(value, StringComparison.Ordinal));
        return index < 0 ? 1 : index + 1;
    }

    [GeneratedRegex("Property '([^']+)' not found on type")]
    private static partial Regex UnknownProperty();
}
