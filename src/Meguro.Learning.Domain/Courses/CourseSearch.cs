using System.Globalization;
using System.Text;

namespace Meguro.Learning.Domain.Courses;

/// <summary>
/// One normalisation for both the stored search text and the query, so that 「ｾｷｭﾘﾃｨ」, 「セキュリティ」
/// and 「せきゅりてぃ」, or 「ＡＩ」 and 「ai」, find the same courses with a plain substring match
/// on either database.
/// </summary>
public static class CourseSearch
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var result = new StringBuilder(folded.Length);
        var lastWasSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace && result.Length > 0)
                {
                    result.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            result.Append(KatakanaToHiragana(c));
        }
        return result.ToString().TrimEnd();
    }

    /// <summary>ァ (U+30A1) … ヶ (U+30F6) map onto ぁ … ゖ, 0x60 code points lower; ー and ・ stay.</summary>
    private static char KatakanaToHiragana(char c) => c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c;
}
