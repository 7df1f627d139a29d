namespace Meguro.Learning.Content;

/// <summary>A content file is malformed. The message is Japanese and names the file and line.</summary>
public sealed class ContentFileException : Exception
{
    public ContentFileException() { }

    public ContentFileException(string message) : base(message) { }

    public ContentFileException(string message, Exception inner) : base(message, inner) { }

    public ContentFileException(string file, long line, string problem, Exception? inner = null)
        : base(line > 0 ? $"{file} の {line} 行目: {problem}" : $"{file}: {problem}", inner)
    {
        File = file;
        Line = line;
    }

    public string File { get; } = "";
    public long Line { get; }
}
