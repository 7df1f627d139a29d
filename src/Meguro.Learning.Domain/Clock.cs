namespace Meguro.Learning.Domain;

/// <summary>
/// Japan Standard Time and the Japanese fiscal year (April–March). Every date a person sees is
/// JST whatever the server's zone; storage stays UTC.
/// </summary>
public static class Jst
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>The fiscal year (年度) a date belongs to: 2026-03-31 is FY2025, 2026-04-01 is FY2026.</summary>
    public static int FiscalYear(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static DateOnly FiscalYearStart(int fiscalYear) => new(fiscalYear, 4, 1);

    public static DateOnly FiscalYearEnd(int fiscalYear) => new(fiscalYear + 1, 3, 31);
}
