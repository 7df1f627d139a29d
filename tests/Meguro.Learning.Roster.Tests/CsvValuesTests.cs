using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster.Tests;

/// <summary>
/// Dates as HR files write them. The ISO form has a fast path of its own (two dates on each of
/// 100,000 rows); it must accept and refuse exactly what the general parser does.
/// </summary>
public class CsvValuesTests
{
    [Theory]
    [InlineData("2026-04-01", 2026, 4, 1)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData("2026-4-1", 2026, 4, 1)]
    [InlineData("2026/4/1", 2026, 4, 1)]
    [InlineData("2026/04/01", 2026, 4, 1)]
    public void Dates_in_the_accepted_forms_are_read(string text, int year, int month, int day)
    {
        Assert.True(CsvValues.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2025-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-04-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026-04-0x")]
    [InlineData("2026.04.01")]
    [InlineData("20260401")]
    [InlineData("2026-04-01T00:00")]
    [InlineData("")]
    public void Impossible_or_unknown_dates_are_refused(string text) => Assert.False(CsvValues.TryParseDate(text, out _));
}
