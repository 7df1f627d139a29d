namespace Meguro.Learning.Content;

/// <summary>
/// One problem in a course folder, in the form editors and the command line print:
/// <c>content/courses/x/02-a.md:14: リンク先「03-b.md」が存在しません。</c> (line 0 = the whole file).
/// </summary>
public sealed record ContentIssue(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
