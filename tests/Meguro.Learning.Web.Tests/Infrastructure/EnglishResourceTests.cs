using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// English is available for every screen: each literal text the pages pass to the localizer
/// (L["…"]) has an English entry. Without one, an English reader silently gets Japanese.
/// </summary>
public sealed partial class EnglishResourceTests
{
    [Fact]
    public void Every_localized_text_in_the_web_project_has_an_English_translation()
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Meguro.Learning.Web");
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        var missing = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizerCall().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: Regex.Unescape(m.Groups[1].Value))))
            .Where(x => !english.Contains(x.Key))
            .Select(x => $"{x.File}: {x.Key}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "No English translation for:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meguro.Learning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Meguro.Learning.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex LocalizerCall();
}
