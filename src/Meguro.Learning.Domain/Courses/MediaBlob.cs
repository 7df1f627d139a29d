using System.Security.Cryptography;

namespace Meguro.Learning.Domain.Courses;

/// <summary>
/// The bytes of a media file, keyed by their SHA-256. Content-addressed so that a diagram shared by
/// many versions (the usual case: most new versions only change text) is stored once.
/// </summary>
public class MediaBlob
{
    private MediaBlob() { }

    public MediaBlob(byte[] bytes, string contentType)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        Sha256 = HashOf(bytes);
        ContentType = contentType;
        Bytes = bytes;
    }

    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Bytes { get; private set; } = [];

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>A media file name (e.g. "three-layers.svg" under media/) of one version, pointing at its bytes.</summary>
public class CourseVersionMedia
{
    private CourseVersionMedia() { }

    internal CourseVersionMedia(CourseVersion version, string fileName, MediaBlob blob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        CourseVersion = version;
        FileName = fileName;
        Blob = blob;
        Sha256 = blob.Sha256;
        Size = blob.Bytes.LongLength;
    }

    public int Id { get; private set; }
    public int CourseVersionId { get; private set; }
    public CourseVersion CourseVersion { get; private set; } = null!;
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public MediaBlob Blob { get; private set; } = null!;
    public long Size { get; private set; }
}

/// <summary>
/// The source text of one Markdown file of a version ("course.md", "03-suspicious-mail.md", "quiz.md"),
/// kept as written so that authors can diff versions and export the folder again.
/// </summary>
public class CourseVersionFile
{
    private CourseVersionFile() { }

    internal CourseVersionFile(CourseVersion version, string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(text);
        CourseVersion = version;
        Path = path;
        Text = text;
    }

    public int Id { get; private set; }
    public int CourseVersionId { get; private set; }
    public CourseVersion CourseVersion { get; private set; } = null!;
    public string Path { get; private set; } = "";
    public string Text { get; private set; } = "";
}
