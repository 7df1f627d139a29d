namespace Meguro.Learning.Domain.Courses;

/// <summary>What course.md says plus what is derived from the whole folder (hash, rendered overview, search text).</summary>
public sealed record CourseVersionContent(
    string ContentHash,
    string Title,
    string Summary,
    string Category,
    IReadOnlyList<string> AudienceJobLevelCodes,
    IReadOnlyList<string> AudienceRoles,
    int Minutes,
    bool SelfEnroll,
    bool Yearly,
    string VersionNotes,
    string OverviewMarkdown,
    string OverviewHtml,
    string SearchText);
