using System.Globalization;

namespace Meguro.Learning.Roster.Csv;

/// <summary>How the HR exports write dates, yes/no marks and mail addresses.</summary>
internal static class CsvValues
{
    /// <summary>ISO dates, and the slash form Excel writes for a Japanese locale (2026/4/1).</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];

    public const string DateExample = "2026-04-01 または 2026/4/1";

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（なし）";

    /// <summary>
    /// The 所属長 mark. ○ (U+25CB) is what the export writes, but people who fix a file by hand type
    /// the kanji zero 〇 (U+3007) or the large circle ◯ (U+25EF), which look the same.
    /// </summary>
    public static bool TryParseMark(string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "○":
            case "〇":
            case "◯":
            case "1":
            case "はい":
            case "TRUE":
                value = true;
                return true;
            case "":
            case "0":
            case "いいえ":
            case "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// "Looks like an address": one @ with something on both sides and a dot in the domain, no
    /// spaces. Deliverability is the mail server's business; this catches a name or phone number
    /// pasted into the wrong column.
    /// </summary>
    public static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
        {
            return false;
        }
        var domain = text.AsSpan(at + 1);
        var dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.StartsWith(".") && !domain.EndsWith(".")
            && !text.Any(char.IsWhiteSpace);
    }

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
