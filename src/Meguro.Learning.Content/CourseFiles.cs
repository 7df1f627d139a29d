using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Meguro.Learning.Content;

/// <summary>
/// The files of one course folder as path → bytes, the same whether they come from <c>content/</c>,
/// a zip upload or the browser editor. Paths use '/' and are relative to the course folder.
/// </summary>
public static class CourseFiles
{
    public const long MaxZipEntries = 500;

    public static async Task<Dictionary<string, byte[]>> ReadFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = NormalizePath(Path.GetRelativePath(folder, path));
            if (relative is not null)
            {
                files[relative] = await File.ReadAllBytesAsync(path, cancellationToken);
            }
        }
        return files;
    }

    /// <summary>
    /// Reads a zip of one course. A single top folder (as made by "compress folder") is taken off.
    /// Entries that climb out with ".." or are absolute are refused rather than skipped.
    /// </summary>
    public static Dictionary<string, byte[]> ReadZip(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > MaxZipEntries)
        {
            throw new ContentFileException("zip", 0, $"ファイルが多すぎます（{MaxZipEntries} 個まで）。");
        }
        var entries = new List<(string Path, byte[] Bytes)>();
        foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            if (entry.FullName.Contains("..", StringComparison.Ordinal) || entry.FullName.StartsWith('/') || entry.FullName.Contains(':'))
            {
                throw new ContentFileException(entry.FullName, 0, "zip の中のファイル名が不正です。");
            }
            if (entry.Length > CourseParser.MaxMediaBytes)
            {
                throw new ContentFileException(entry.FullName, 0, "ファイルが大きすぎます（5MBまで）。");
            }
            var path = NormalizePath(entry.FullName);
            if (path is not null)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries.Add((path, buffer.ToArray()));
            }
        }
        var top = entries.Select(e => e.Path.Split('/')[0]).Distinct().ToList();
        var strip = top.Count == 1 && entries.All(e => e.Path.Contains('/')) ? top[0].Length + 1 : 0;
        return entries.ToDictionary(e => e.Path[strip..], e => e.Bytes, StringComparer.Ordinal);
    }

    /// <summary>
    /// SHA-256 (hex) over all files sorted by path. Markdown is hashed without a BOM and with LF
    /// line ends, so a checkout on Windows (CRLF) does not look like a new version.
    /// </summary>
    public static string ContentHash(IReadOnlyDictionary<string, byte[]> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            var content = IsText(path) ? Encoding.UTF8.GetBytes(NormalizeText(bytes)) : bytes;
            hash.AppendData(SHA256.HashData(content));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static bool IsText(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gift", StringComparison.OrdinalIgnoreCase);

    /// <summary>UTF-8 without BOM, LF line ends. Invalid UTF-8 bytes become U+FFFD (the parser reports them).</summary>
    public static string NormalizeText(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>'/' separators; hidden files and folders (".git", ".DS_Store") are not course content.</summary>
    private static string? NormalizePath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 || parts.Any(p => p.StartsWith('.')) ? null : string.Join('/', parts);
    }
}
