namespace Meguro.Learning.Domain.Calendar;

/// <summary>One 国民の祝日 (or 振替休日 / 国民の休日) from <c>content/calendar/holidays.yml</c>.</summary>
public sealed record Holiday(DateOnly Date, string Name);
