namespace Meguro.Learning.Domain.Calendar;

/// <summary>
/// A date outside the years the holiday data covers was asked about. Thrown instead of guessing
/// "no holidays", so that a holiday file nobody extended is noticed the first time it matters.
/// </summary>
public sealed class CalendarNotCoveredException : DomainException
{
    public CalendarNotCoveredException() { }

    public CalendarNotCoveredException(string message) : base(message) { }

    public CalendarNotCoveredException(string message, Exception inner) : base(message, inner) { }

    public CalendarNotCoveredException(DateOnly date, int firstYear, int lastYear)
        : base($"{date:yyyy-MM-dd} は祝日データ（content/calendar/holidays.yml）の範囲（{firstYear}年〜{lastYear}年）の外なので、営業日かどうか判断できません。"
            + (date.Year > lastYear
                ? $"内閣府「国民の祝日について」を見て {date.Year}年までの祝日を追加し、lastYear を更新してください。"
                : $"{date.Year}年からの祝日を追加し、firstYear を更新してください。"))
    {
        Date = date;
    }

    public DateOnly? Date { get; }
}
