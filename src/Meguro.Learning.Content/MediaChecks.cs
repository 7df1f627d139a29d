using System.Text;
using System.Text.RegularExpressions;

namespace Meguro.Learning.Content;

/// <summary>
/// Rules for files under media/. SVG gets the strictest look: it is XML that a browser will run
/// script from if opened directly, so only self-contained drawings are accepted.
/// </summary>
internal static partial class MediaChecks
{
    public sealed record Problem(int Line, string Message);

    public static List<Problem> Check(string fileName, byte[] bytes, IReadOnlyDictionary<string, string> mediaTypes)
    {
        var problems = new List<Problem>();
        var extension = Path.GetExtension(fileName);
        if (fileName.Contains('/') || !mediaTypes.ContainsKey(extension))
        {
            problems.Add(new(0, $"media/ に置けるのは {string.Join("、", mediaTypes.Keys)} のファイルだけです（フォルダも作れません）。"));
            return problems;
        }
        if (bytes.LongLength > CourseParser.MaxMediaBytes)
        {
            problems.Add(new(0, $"ファイルが大きすぎます（{bytes.LongLength / 1024 / 1024.0:0.0}MB）。1ファイル5MBまでです。"));
        }
        if (!HasExpectedSignature(extension.ToLowerInvariant(), bytes))
        {
            problems.Add(new(0, $"ファイルの中身が拡張子「{extension}」の形式ではありません。"));
        }
        else if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            problems.AddRange(CheckSvg(Encoding.UTF8.GetString(bytes)));
        }
        return problems;
    }

    private static bool HasExpectedSignature(string extension, byte[] b) => extension switch
    {
        ".png" => b.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]),
        ".jpg" or ".jpeg" => b.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]),
        ".gif" => b.AsSpan().StartsWith("GIF8"u8),
        ".webp" => b.Length >= 12 && b.AsSpan(0, 4).SequenceEqual("RIFF"u8) && b.AsSpan(8, 4).SequenceEqual("WEBP"u8),
        ".pdf" => b.AsSpan().StartsWith("%PDF"u8),
        ".svg" => Encoding.UTF8.GetString(b).Contains("<svg", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static IEnumerable<Problem> CheckSvg(string svg)
    {
        foreach (var (pattern, message) in SvgRules)
        {
            foreach (Match match in pattern.Matches(svg))
            {
                yield return new(LineAt(svg, match.Index), message);
            }
        }
    }

    private static readonly (Regex Pattern, string Message)[] SvgRules =
    [
        (ScriptElement(), "SVG に <script> は使えません。"),
        (EventAttribute(), "SVG に onclick などのイベント属性（on…=）は使えません。"),
        (ForeignObject(), "SVG に <foreignObject> は使えません。"),
        (ExternalHref(), "SVG の href / xlink:href は同じ図の中（#…）だけを指せます。"),
        (EntityDeclaration(), "SVG に <!ENTITY> 宣言は使えません。"),
        (ExternalUrl(), "SVG の url(…) は同じ図の中（#…）だけを指せます。"),
        (CssImport(), "SVG に @import は使えません。"),
    ];

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();

    [GeneratedRegex("<foreignObject", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignObject();

    [GeneratedRegex(@"\s(?:xlink:)?href\s*=\s*(?:""(?!#)|'(?!#)|(?![""'#]))", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalHref();

    [GeneratedRegex("<!ENTITY", RegexOptions.IgnoreCase)]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex(@"url\(\s*['""]?\s*(?!#)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex("@import", RegexOptions.IgnoreCase)]
    private static partial Regex CssImport();
}
