namespace Meguro.Learning.Domain.Calendar;

/// <summary>
/// The city office's working days (開庁日): Monday to Friday, except 国民の祝日 (with 振替休日 and
/// 国民の休日) and the year-end break 12/29–1/3. Reminders are counted and sent in these days.
/// The holidays come from content, so the calendar only answers for the years the data covers
/// (<see cref="FirstYear"/>–<see cref="LastYear"/>) and throws <see cref="CalendarNotCoveredException"/>
/// outside them rather than treating an un-extended file as "no holidays".
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<DateOnly, Holiday> _holidays;

    /// <param name="holidays">Every holiday of the covered years.</param>
    /// <param name="firstYear">The first calendar year whose holidays are all listed.</param>
    /// <param name="lastYear">The last calendar year whose holidays are all listed.</param>
    public BusinessCalendar(IEnumerable<Holiday> holidays, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        if (firstYear < DateOnly.MinValue.Year + 1 || lastYear > DateOnly.MaxValue.Year - 1 || firstYear > lastYear)
        {
            throw new DomainException($"祝日データの年の範囲（{firstYear}年〜{lastYear}年）が正しくありません。");
        }
        FirstYear = firstYear;
        LastYear = lastYear;
        _holidays = [];
        foreach (var holiday in holidays)
        {
            if (holiday.Date.Year < firstYear || holiday.Date.Year > lastYear)
            {
                throw new DomainException($"祝日 {holiday.Date:yyyy-MM-dd}（{holiday.Name}）は {firstYear}年〜{lastYear}年の範囲の外です。");
            }
            if (!_holidays.TryAdd(holiday.Date, holiday))
            {
                throw new DomainException($"祝日 {holiday.Date:yyyy-MM-dd} が重複しています。");
            }
        }
    }

    public int FirstYear { get; }

    public int LastYear { get; }

    public IReadOnlyCollection<Holiday> Holidays => _holidays.Values;

    /// <summary>True when the holiday data covers the year of <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => date.Year >= FirstYear && date.Year <= LastYear;

    /// <summary>
    /// 年末年始 (12/29–1/3): not national holidays, but the office is closed by ordinance every year,
    /// so they are rules here rather than rows in the holiday file.
    /// </summary>
    public static bool IsYearEndBreak(DateOnly date) =>
        (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);

    /// <summary>The holiday on <paramref name="date"/>, or null (weekends and 年末年始 are not holidays in this sense).</summary>
    public Holiday? HolidayOn(DateOnly date)
    {
        EnsureCovered(date);
        return _holidays.GetValueOrDefault(date);
    }

    public bool IsBusinessDay(DateOnly date)
    {
        EnsureCovered(date);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && !IsYearEndBreak(date)
            && !_holidays.ContainsKey(date);
    }

    /// <summary>
    /// The <paramref name="days"/>-th business day after <paramref name="date"/> (before it when
    /// negative); <paramref name="date"/> itself is never counted, so from a Friday +1 is the next
    /// Monday and from a Sunday −1 is the Friday before. 0 returns <paramref name="date"/> unchanged.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly date, int days)
    {
        EnsureCovered(date);
        var step = Math.Sign(days);
        var remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsBusinessDay(current))
            {
                remaining--;
            }
        }
        return current;
    }

    /// <summary>
    /// Business days in (<paramref name="from"/>, <paramref name="to"/>]: the first date is not counted,
    /// the second is. Negative when <paramref name="to"/> is earlier (then counted in (to, from]), so that
    /// <c>AddBusinessDays(from, BusinessDaysBetween(from, to)) == to</c> whenever <paramref name="to"/> is a business day.
    /// </summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        EnsureCovered(from);
        EnsureCovered(to);
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary><paramref name="date"/> when it is a business day, else the next one: when a step missed because the office was closed happens.</summary>
    public DateOnly NextBusinessDayOnOrAfter(DateOnly date) => IsBusinessDay(date) ? date : AddBusinessDays(date, 1);

    /// <summary><paramref name="date"/> when it is a business day, else the one before: the last day someone can still act before a deadline.</summary>
    public DateOnly PreviousBusinessDayOnOrBefore(DateOnly date) => IsBusinessDay(date) ? date : AddBusinessDays(date, -1);

    private void EnsureCovered(DateOnly date)
    {
        if (!Covers(date))
        {
            throw new CalendarNotCoveredException(date, FirstYear, LastYear);
        }
    }
}
