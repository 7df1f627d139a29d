using Meguro.Learning.Domain.Calendar;

namespace Meguro.Learning.Domain.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = Holidays.Calendar();

    [Theory]
    // 年末年始 12/29–1/3, whatever the weekday, and the working days either side.
    [InlineData("2026-12-28", true)]
    [InlineData("2026-12-29", false)]
    [InlineData("2026-12-30", false)]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", false)]
    [InlineData("2027-01-02", false)]
    [InlineData("2027-01-03", false)]
    [InlineData("2027-01-04", true)]
    [InlineData("2025-12-26", true)]
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-05", true)]
    // Golden Week 2026: 4/29 昭和の日, 5/3 Sunday, 5/4–5/5, 5/6 振替休日 for 5/3.
    [InlineData("2026-04-28", true)]
    [InlineData("2026-04-29", false)]
    [InlineData("2026-04-30", true)]
    [InlineData("2026-05-01", true)]
    [InlineData("2026-05-04", false)]
    [InlineData("2026-05-05", false)]
    [InlineData("2026-05-06", false)]
    [InlineData("2026-05-07", true)]
    // 春分の日 2026-03-20 (Friday); 2027-03-21 is a Sunday, so Monday 3/22 is 振替休日.
    [InlineData("2026-03-19", true)]
    [InlineData("2026-03-20", false)]
    [InlineData("2027-03-22", false)]
    [InlineData("2027-03-23", true)]
    // September 2026: 敬老の日 9/21, 国民の休日 9/22, 秋分の日 9/23.
    [InlineData("2026-09-18", true)]
    [InlineData("2026-09-22", false)]
    [InlineData("2026-09-24", true)]
    // Plain weekends and a plain weekday.
    [InlineData("2026-06-06", false)]
    [InlineData("2026-06-07", false)]
    [InlineData("2026-06-08", true)]
    public void Business_days_exclude_weekends_national_holidays_and_the_year_end_break(string date, bool businessDay) =>
        Assert.Equal(businessDay, Calendar.IsBusinessDay(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-04-28", 1, "2026-04-30")]
    [InlineData("2026-05-01", 1, "2026-05-07")]
    [InlineData("2026-05-07", -1, "2026-05-01")]
    [InlineData("2026-12-25", 2, "2027-01-04")]
    [InlineData("2027-01-04", -1, "2026-12-28")]
    [InlineData("2026-03-19", 1, "2026-03-23")]
    [InlineData("2026-09-18", 1, "2026-09-24")]
    [InlineData("2026-06-06", 1, "2026-06-08")]
    [InlineData("2026-06-07", -1, "2026-06-05")]
    [InlineData("2026-06-10", 0, "2026-06-10")]
    [InlineData("2026-06-06", 0, "2026-06-06")]
    [InlineData("2026-05-22", -14, "2026-04-28")]
    [InlineData("2027-01-15", -14, "2026-12-21")]
    public void Adding_business_days_skips_closed_days_in_both_directions(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Calendar.AddBusinessDays(DateOnly.Parse(from), days));

    [Theory]
    [InlineData("2026-04-28", "2026-05-07", 3)]
    [InlineData("2026-05-07", "2026-04-28", -3)]
    [InlineData("2026-12-28", "2027-01-04", 1)]
    [InlineData("2026-06-08", "2026-06-08", 0)]
    [InlineData("2026-06-05", "2026-06-07", 0)]
    // 2026: 261 weekdays − 17 national holidays on weekdays − 4 weekdays of 年末年始 (1/2, 12/29–12/31).
    [InlineData("2026-01-01", "2026-12-31", 240)]
    public void Business_days_between_count_the_second_date_but_not_the_first(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.BusinessDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Theory]
    [InlineData("2026-05-06", 10)]
    [InlineData("2026-12-25", -7)]
    [InlineData("2026-09-24", 25)]
    public void Adding_the_days_between_two_business_days_leads_from_one_to_the_other(string from, int days)
    {
        var start = DateOnly.Parse(from);
        var end = Calendar.AddBusinessDays(start, days);

        Assert.Equal(days, Calendar.BusinessDaysBetween(start, end));
    }

    [Theory]
    [InlineData("2026-05-06", "振替休日")]
    [InlineData("2026-09-22", "国民の休日")]
    [InlineData("2026-03-20", "春分の日")]
    public void The_holiday_on_a_date_has_its_name(string date, string name) =>
        Assert.Equal(name, Calendar.HolidayOn(DateOnly.Parse(date))?.Name);

    [Fact]
    public void The_year_end_break_and_weekends_are_closed_but_not_holidays()
    {
        Assert.Null(Calendar.HolidayOn(new DateOnly(2026, 12, 30)));
        Assert.True(BusinessCalendar.IsYearEndBreak(new DateOnly(2026, 12, 30)));
        Assert.False(BusinessCalendar.IsYearEndBreak(new DateOnly(2026, 12, 28)));
    }

    [Theory]
    [InlineData("2024-12-31", "2024年からの祝日を追加し、firstYear を更新してください。")]
    [InlineData("2028-01-04", "2028年までの祝日を追加し、lastYear を更新してください。")]
    public void A_date_outside_the_holiday_data_is_an_error_not_a_guess(string date, string advice)
    {
        var day = DateOnly.Parse(date);

        Assert.False(Calendar.Covers(day));
        var error = Assert.Throws<CalendarNotCoveredException>(() => Calendar.IsBusinessDay(day));
        Assert.Contains("content/calendar/holidays.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025年〜2027年", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(advice, error.Message, StringComparison.Ordinal);
        Assert.Equal(day, error.Date);
    }

    [Fact]
    public void Counting_past_the_last_covered_year_is_an_error()
    {
        Assert.Throws<CalendarNotCoveredException>(() => Calendar.AddBusinessDays(new DateOnly(2027, 12, 27), 2));
    }

    [Fact]
    public void Holidays_must_lie_in_the_covered_years_and_not_repeat()
    {
        var outside = Assert.Throws<DomainException>(() => new BusinessCalendar([new(new(2028, 1, 1), "元日")], 2025, 2027));
        var twice = Assert.Throws<DomainException>(() => new BusinessCalendar([new(new(2026, 1, 1), "元日"), new(new(2026, 1, 1), "元日")], 2026, 2026));

        Assert.Contains("範囲の外", outside.Message, StringComparison.Ordinal);
        Assert.Contains("重複", twice.Message, StringComparison.Ordinal);
    }
}
