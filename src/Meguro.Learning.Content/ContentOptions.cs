namespace Meguro.Learning.Content;

/// <summary>Bound from the <c>Content</c> section.</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>
    /// The <c>content/</c> folder. Empty means "look for it": the nearest ancestor of the app's
    /// content root or binaries that has a <c>content/job-levels.yml</c> (a git checkout or a publish folder).
    /// </summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// Import <c>content/courses/</c> at start-up (on in Development and the embedded demo). Off by
    /// default: production imports with <c>import courses</c> or publishes from the browser editor.
    /// </summary>
    public bool ImportCoursesOnStartup { get; set; }

    /// <summary>
    /// Import <c>content/curricula/</c> at start-up and run the assignment engine (on in Development
    /// and the embedded demo, like the courses). A curriculum HR edited in the browser is replaced only
    /// when its file changed since the last import.
    /// </summary>
    public bool ImportCurriculaOnStartup { get; set; }

    public static string Locate(string configured, params string[] startDirectories)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            return Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"Content:Root に指定されたフォルダ {full} が見つかりません。");
        }
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content");
                if (File.Exists(Path.Combine(candidate, JobLevelCatalog.FileName)))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("content/ フォルダが見つかりません。Content:Root で場所を指定してください。");
    }
}
