using System.Text.RegularExpressions;
using Meguro.Learning.Jobs.Mail;

namespace Meguro.Learning.Web.Pages.MailOutbox;

/// <summary>
/// The .eml files the pickup transport wrote. Only names of the form the sender writes are served, and
/// only from that one folder, so a request cannot reach any other file.
/// </summary>
public static partial class PickupFolder
{
    public sealed record EmlFile(string Name, long Bytes, DateTime WrittenAtUtc);

    public static IReadOnlyList<EmlFile> List(MailOptions options, int limit)
    {
        var folder = new DirectoryInfo(options.PickupDirectoryFullPath);
        if (!folder.Exists)
        {
            return [];
        }
        return folder.EnumerateFiles("*.eml")
            .Where(f => IsMailName(f.Name))
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(f => new EmlFile(f.Name, f.Length, f.LastWriteTimeUtc))
            .ToList();
    }

    /// <summary>The full path of <paramref name="name"/> if it is a mail file in the folder, otherwise null.</summary>
    public static string? Find(MailOptions options, string name)
    {
        if (!IsMailName(name))
        {
            return null;
        }
        var path = Path.Combine(options.PickupDirectoryFullPath, name);
        return File.Exists(path) ? path : null;
    }

    public static bool IsMailName(string name) => MailName().IsMatch(name);

    [GeneratedRegex(@"^\d{8}-\d{6}-\d{1,19}\.eml$", RegexOptions.CultureInvariant)]
    private static partial Regex MailName();
}
