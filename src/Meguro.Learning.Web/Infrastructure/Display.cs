using System.Globalization;
using Meguro.Learning.Domain;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>How dates and times are shown: always Japan Standard Time, in the reader's language.</summary>
public static class Display
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string DateTime(DateTime? utc)
    {
        if (utc is null)
        {
            return "—";
        }
        var jst = Jst.FromUtc(utc.Value);
        return English
            ? jst.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST"
            : jst.ToString("yyyy年M月d日 H:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Time of day in JST, e.g. "14:05:09" (autosave confirmations).</summary>
    public static string Time(DateTime utc) => Jst.FromUtc(utc).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is null
        ? "—"
        : English
            ? date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.Value.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The JST calendar day of a UTC instant, e.g. when evidence was recorded or a certificate issued.</summary>
    public static string Day(DateTime? utc) =>
        utc is null ? "—" : Date(DateOnly.FromDateTime(Jst.FromUtc(utc.Value)));

    /// <summary>A score such as "85%" or "87.5%" (no trailing zeros).</summary>
    public static string Percent(decimal? percent) =>
        percent is null ? "—" : percent.Value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>年度: "2026年度" / "FY2026".</summary>
    public static string FiscalYear(int fiscalYear) => English ? $"FY{fiscalYear}" : $"{fiscalYear}年度";
}
