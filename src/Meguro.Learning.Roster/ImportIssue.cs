namespace Meguro.Learning.Roster;

/// <summary>
/// One problem found in an uploaded file. <see cref="Message"/> is shown to HR as it is, so it is
/// Japanese and already starts with the line (「3行目: …」); <see cref="Line"/> is kept apart so a
/// page can sort or link by it. Line 0 means the problem is not tied to one line of the file
/// (for example a unit missing from the file that cannot be closed).
/// </summary>
public sealed record ImportIssue(int Line, string Message)
{
    internal static ImportIssue At(int line, string message) =>
        new(line, line > 0 ? $"{line}行目: {message}" : message);

    public override string ToString() => Message;
}
