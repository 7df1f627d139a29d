using System.Globalization;
using System.Runtime.CompilerServices;

namespace Meguro.Learning.Roster.Csv;

/// <summary>How the HR exports write dates, yes/no marks and mail addresses.</summary>
internal static class CsvValues
{
    /// <summary>ISO dates, and the slash form Excel writes for a Japanese locale (2026/4/1).</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];

    public const string DateExample = "2026-04-01 または 2026/4/1";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per row, see RosterCsvReader.ReadRow
    public static bool TryParseDate(string text, out DateOnly date) =>
        TryParseIsoDate(text, out date)
        || DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// The form HR exports write (2026-04-01), read digit by digit: a roster has two dates on each of
    /// 100,000 rows, and the general parser costs several times more. Anything else, an impossible
    /// date included, is left to the general parser, which has the last word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseIsoDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text.AsSpan(0, 4), out var year) || !TryDigits(text.AsSpan(5, 2), out var month) || !TryDigits(text.AsSpan(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    public static string FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（なし）";

    /// <summary>
    /// The 所属長 mark. ○ (U+25CB) is what the export writes, but people who fix a file by hand type
    /// the kanji zero 〇 (U+3007) or the large circle ◯ (U+25EF), which look the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            && !HasWhiteSpace(text);
    }

    // A loop rather than text.Any(char.IsWhiteSpace): called for every row of a 100,000-row roster.
    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }
        return false;
    }

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
