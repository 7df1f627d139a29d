using System.Globalization;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;
using YamlDotNet.RepresentationModel;

namespace Meguro.Learning.Content;

/// <summary>What curriculum files may refer to: the course folders and the 職層 (code → rank).</summary>
public sealed record CurriculumReference(IReadOnlySet<string> CourseSlugs, IReadOnlyDictionary<string, int> JobLevelRanks)
{
    /// <summary>The course folders of <c>content/courses/</c> and the levels of <c>content/job-levels.yml</c>.</summary>
    public static CurriculumReference FromContent(string contentRoot)
    {
        var levelsPath = Path.Combine(contentRoot, JobLevelCatalog.FileName);
        var levels = JobLevelCatalog.Parse(File.ReadAllText(levelsPath), levelsPath);
        var coursesFolder = Path.Combine(contentRoot, CourseImporter.CoursesFolder);
        var slugs = Directory.Exists(coursesFolder)
            ? Directory.GetDirectories(coursesFolder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        return new CurriculumReference(slugs, levels.ToDictionary(l => l.Code, l => l.Rank, StringComparer.Ordinal));
    }
}

/// <summary>
/// The curricula read from <c>content/curricula/*.yml</c>. All or nothing: when any file has a problem,
/// <see cref="Curricula"/> is empty, so a malformed file never leaves a half-changed plan in effect.
/// </summary>
public sealed record CurriculumSet(IReadOnlyList<Curriculum> Curricula, IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Issues.Count == 0;
}

/// <summary>
/// Reads curricula: one file per curriculum in <c>content/curricula/</c>. Every problem is reported with
/// its file and line in Japanese; docs/content-format.md lists them.
/// </summary>
public static class CurriculumCatalog
{
    public const string FolderName = "curricula";

    private const string CourseHowTo = "「- course: information-security」の形で書き、必要なら「required: false」「yearly: true」を添えてください。";

    public static string FileLabel(string fileName) => $"content/{FolderName}/{fileName}";

    /// <summary>Reads every <c>*.yml</c> of <c>content/curricula/</c>, in file-name order.</summary>
    public static CurriculumSet Load(string contentRoot) => Load(contentRoot, CurriculumReference.FromContent(contentRoot));

    public static CurriculumSet Load(string contentRoot, CurriculumReference reference)
    {
        var folder = Path.Combine(contentRoot, FolderName);
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yml").Order(StringComparer.Ordinal)
                .ToDictionary(f => FileLabel(Path.GetFileName(f)), File.ReadAllText)
            : [];
        return Parse(files, reference);
    }

    /// <param name="files">File label (<c>content/curricula/x.yml</c>) → text, in the order to read them.</param>
    public static CurriculumSet Parse(IReadOnlyDictionary<string, string> files, CurriculumReference reference)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(reference);
        var curricula = new List<(Curriculum Curriculum, string File, int Line)>();
        var issues = new List<ContentIssue>();
        foreach (var (label, yaml) in files)
        {
            var (curriculum, idLine, fileIssues) = ParseFile(yaml, label, reference);
            issues.AddRange(fileIssues);
            if (curriculum is null)
            {
                continue;
            }
            var earlier = curricula.FirstOrDefault(c => c.Curriculum.Id == curriculum.Id);
            if (earlier.Curriculum is not null)
            {
                issues.Add(new(label, idLine, $"id「{curriculum.Id}」は {earlier.File} の {earlier.Line} 行目でも使われています。カリキュラムの id は重複できません。"));
                continue;
            }
            curricula.Add((curriculum, label, idLine));
        }
        return issues.Count > 0
            ? new CurriculumSet([], issues)
            : new CurriculumSet([.. curricula.Select(c => c.Curriculum)], []);
    }

    /// <summary>One curriculum file: the curriculum (null when it has problems), the line of its id, and the problems.</summary>
    public static (Curriculum? Curriculum, int IdLine, IReadOnlyList<ContentIssue> Issues) ParseFile(string yaml, string fileLabel, CurriculumReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var reader = new ContentYaml(fileLabel);
        var root = reader.Root(yaml, "id、name、courses、rule、due を書いてください。");
        if (root is null)
        {
            return (null, 0, reader.Issues);
        }
        var fields = reader.Fields(root, "id", "name", "description", "courses", "rule", "due");
        var id = reader.Text(fields, "id");
        var idLine = fields.TryGetValue("id", out var idNode) ? ContentYaml.LineOf(idNode) : 1;
        if (id is null)
        {
            reader.Error(1, "id（カリキュラムの識別子。例: all-staff）がありません。");
        }
        else if (!Curriculum.IsValidId(id))
        {
            reader.Error(idLine, $"id「{id}」は使えません。英小文字・数字・ハイフンにしてください（例: all-staff）。");
        }
        var name = reader.Text(fields, "name");
        if (name is null)
        {
            reader.Error(1, "name（カリキュラムの名前）がありません。");
        }
        var description = reader.Text(fields, "description") ?? "";
        var courses = ReadCourses(reader, fields, reference);
        var rule = fields.TryGetValue("rule", out var ruleNode) ? ReadRule(reader, ruleNode, reference) : AssignmentRule.Everyone;
        var due = ReadDue(reader, fields);
        if (reader.Issues.Count > 0 || id is null || name is null || rule is null || due is null)
        {
            return (null, idLine, reader.Issues);
        }
        try
        {
            return (new Curriculum(id, name, description, courses, rule, due), idLine, []);
        }
        catch (DomainException ex)
        {
            reader.Error(1, ex.Message);
            return (null, idLine, reader.Issues);
        }
    }

    private static List<CurriculumCourse> ReadCourses(ContentYaml reader, Dictionary<string, YamlNode> fields, CurriculumReference reference)
    {
        var courses = new List<CurriculumCourse>();
        if (!fields.TryGetValue("courses", out var node) || node is YamlScalarNode { Value: null or "" })
        {
            reader.Error(fields.TryGetValue("courses", out var empty) ? ContentYaml.LineOf(empty) : 1, $"courses（コースの一覧）がありません。{CourseHowTo}");
            return courses;
        }
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in reader.Mappings(node, "courses", CourseHowTo))
        {
            var course = reader.Fields(entry, "course", "required", "yearly");
            var slug = reader.Text(course, "course");
            var required = reader.Boolean(course, "required", fallback: true);
            var yearly = reader.Boolean(course, "yearly", fallback: false);
            if (slug is null)
            {
                reader.Error(entry, $"course（コースのスラッグ）がありません。{CourseHowTo}");
                continue;
            }
            var line = ContentYaml.LineOf(course["course"]);
            if (!reference.CourseSlugs.Contains(slug))
            {
                reader.Error(line, $"コース「{slug}」は content/courses/ にありません（{string.Join("、", reference.CourseSlugs.Order(StringComparer.Ordinal))}）。");
            }
            else if (!lines.TryAdd(slug, line))
            {
                reader.Error(line, $"コース「{slug}」が2回あります（{lines[slug]} 行目）。");
            }
            else
            {
                courses.Add(new CurriculumCourse(slug, required, yearly));
            }
        }
        return courses;
    }

    private static AssignmentRule? ReadRule(ContentYaml reader, YamlNode node, CurriculumReference reference)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return AssignmentRule.Everyone;
        }
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, "rule には jobLevels、minJobLevel、employmentTypes、orgUnits、hiredWithinDays を項目として書いてください。");
            return null;
        }
        var countBefore = reader.Issues.Count;
        var fields = reader.Fields(mapping, "jobLevels", "minJobLevel", "employmentTypes", "orgUnits", "hiredWithinDays");
        var jobLevels = reader.Scalars(fields, "jobLevels", "[kacho, bucho]")
            .Where(level => KnownJobLevel(reader, level, level.Value!.Trim(), reference))
            .Select(level => level.Value!.Trim())
            .ToList();
        MinimumJobLevel? minimum = null;
        if (reader.Text(fields, "minJobLevel") is { } minCode && KnownJobLevel(reader, fields["minJobLevel"], minCode, reference))
        {
            minimum = new MinimumJobLevel(minCode, reference.JobLevelRanks[minCode]);
        }
        var types = new List<EmploymentType>();
        foreach (var item in reader.Scalars(fields, "employmentTypes", "[正規, 再任用]"))
        {
            if (EmploymentTypeNames.TryParseJapanese(item.Value, out var type))
            {
                types.Add(type);
            }
            else
            {
                reader.Error(item, $"雇用区分「{item.Value}」は使えません（{string.Join("、", Enum.GetValues<EmploymentType>().Select(t => t.ToJapanese()))} のいずれか）。");
            }
        }
        var orgUnits = new List<string>();
        foreach (var item in reader.Scalars(fields, "orgUnits", "[B01, B02-K03]"))
        {
            var code = item.Value!.Trim();
            if (code.Contains('/', StringComparison.Ordinal) || code.Any(char.IsWhiteSpace))
            {
                reader.Error(item, $"所属コード「{code}」は使えません。組織CSVの所属コード（例: B01-K02）を1つずつ書いてください。");
            }
            else
            {
                orgUnits.Add(code);
            }
        }
        var hiredWithinDays = reader.Integer(fields, "hiredWithinDays", 0, "採用後の日数");
        return reader.Issues.Count > countBefore ? null : new AssignmentRule(jobLevels, minimum, types, orgUnits, hiredWithinDays);
    }

    private static bool KnownJobLevel(ContentYaml reader, YamlNode node, string code, CurriculumReference reference)
    {
        if (reference.JobLevelRanks.ContainsKey(code))
        {
            return true;
        }
        reader.Error(node, $"職層コード「{code}」は content/job-levels.yml にありません（{string.Join("、", reference.JobLevelRanks.OrderBy(l => l.Value).Select(l => l.Key))}）。");
        return false;
    }

    private static DuePolicy? ReadDue(ContentYaml reader, Dictionary<string, YamlNode> fields)
    {
        const string howTo = "daysAfterAssignment（割当から何日後）か fixedDate（毎年の日付。例: 03-31）のどちらか一方を書いてください。";
        if (!fields.TryGetValue("due", out var node) || node is not YamlMappingNode mapping)
        {
            reader.Error(node is null ? 1 : ContentYaml.LineOf(node), $"due（期限）がありません。{howTo}");
            return null;
        }
        var due = reader.Fields(mapping, "daysAfterAssignment", "fixedDate");
        if (due.ContainsKey("daysAfterAssignment") && due.ContainsKey("fixedDate"))
        {
            reader.Error(due["fixedDate"], $"due に daysAfterAssignment と fixedDate の両方があります。{howTo}");
            return null;
        }
        if (due.ContainsKey("daysAfterAssignment"))
        {
            return reader.Integer(due, "daysAfterAssignment", 1, "割当から期限までの日数") is { } days ? DuePolicy.DaysAfterAssignment(days) : null;
        }
        if (reader.Text(due, "fixedDate") is { } text)
        {
            // A non-leap year, so that 02-29 (a date that does not come every year) is refused.
            if (DateOnly.TryParseExact("2001-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return DuePolicy.FixedDate(date.Month, date.Day);
            }
            reader.Error(due["fixedDate"], $"fixedDate「{text}」を読み取れません。03-31 のように「月-日」で、毎年ある日付を書いてください（02-29 は使えません）。");
            return null;
        }
        reader.Error(mapping, $"due に期限の決め方がありません。{howTo}");
        return null;
    }
}
