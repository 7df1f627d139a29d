namespace Meguro.Learning.Domain.Tests;

public sealed class ClockTests
{
    [Theory]
    [InlineData(2026, 3, 31, 2025)]
    [InlineData(2026, 4, 1, 2026)]
    [InlineData(2027, 1, 15, 2026)]
    public void The_fiscal_year_runs_from_April_to_March(int year, int month, int day, int fiscalYear)
    {
        Assert.Equal(fiscalYear, Jst.FiscalYear(new DateOnly(year, month, day)));
        Assert.Equal(new DateOnly(fiscalYear + 1, 3, 31), Jst.FiscalYearEnd(fiscalYear));
    }

    [Fact]
    public void Late_evening_UTC_is_already_the_next_day_in_Japan()
    {
        var utc = new DateTime(2026, 3, 31, 15, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 4, 1, 0, 30, 0), Jst.FromUtc(utc));
        Assert.Equal(2026, Jst.FiscalYear(DateOnly.FromDateTime(Jst.FromUtc(utc))));
    }
}
