using Meguro.Learning.Domain.Calendar;

namespace Meguro.Learning.Domain.Tests.Calendar;

/// <summary>
/// The national holidays of 2025–2027 typed in from 内閣府「国民の祝日について」, so that the domain tests
/// do not depend on the content file (the content tests check the shipped file against these days).
/// </summary>
internal static class Holidays
{
    public static readonly Holiday[] Y2025To2027 =
    [
        new(new(2025, 1, 1), "元日"), new(new(2025, 1, 13), "成人の日"), new(new(2025, 2, 11), "建国記念の日"),
        new(new(2025, 2, 23), "天皇誕生日"), new(new(2025, 2, 24), "振替休日"), new(new(2025, 3, 20), "春分の日"),
        new(new(2025, 4, 29), "昭和の日"), new(new(2025, 5, 3), "憲法記念日"), new(new(2025, 5, 4), "みどりの日"),
        new(new(2025, 5, 5), "こどもの日"), new(new(2025, 5, 6), "振替休日"), new(new(2025, 7, 21), "海の日"),
        new(new(2025, 8, 11), "山の日"), new(new(2025, 9, 15), "敬老の日"), new(new(2025, 9, 23), "秋分の日"),
        new(new(2025, 10, 13), "スポーツの日"), new(new(2025, 11, 3), "文化の日"), new(new(2025, 11, 23), "勤労感謝の日"),
        new(new(2025, 11, 24), "振替休日"),
        new(new(2026, 1, 1), "元日"), new(new(2026, 1, 12), "成人の日"), new(new(2026, 2, 11), "建国記念の日"),
        new(new(2026, 2, 23), "天皇誕生日"), new(new(2026, 3, 20), "春分の日"), new(new(2026, 4, 29), "昭和の日"),
        new(new(2026, 5, 3), "憲法記念日"), new(new(2026, 5, 4), "みどりの日"), new(new(2026, 5, 5), "こどもの日"),
        new(new(2026, 5, 6), "振替休日"), new(new(2026, 7, 20), "海の日"), new(new(2026, 8, 11), "山の日"),
        new(new(2026, 9, 21), "敬老の日"), new(new(2026, 9, 22), "国民の休日"), new(new(2026, 9, 23), "秋分の日"),
        new(new(2026, 10, 12), "スポーツの日"), new(new(2026, 11, 3), "文化の日"), new(new(2026, 11, 23), "勤労感謝の日"),
        new(new(2027, 1, 1), "元日"), new(new(2027, 1, 11), "成人の日"), new(new(2027, 2, 11), "建国記念の日"),
        new(new(2027, 2, 23), "天皇誕生日"), new(new(2027, 3, 21), "春分の日"), new(new(2027, 3, 22), "振替休日"),
        new(new(2027, 4, 29), "昭和の日"), new(new(2027, 5, 3), "憲法記念日"), new(new(2027, 5, 4), "みどりの日"),
        new(new(2027, 5, 5), "こどもの日"), new(new(2027, 7, 19), "海の日"), new(new(2027, 8, 11), "山の日"),
        new(new(2027, 9, 20), "敬老の日"), new(new(2027, 9, 23), "秋分の日"), new(new(2027, 10, 11), "スポーツの日"),
        new(new(2027, 11, 3), "文化の日"), new(new(2027, 11, 23), "勤労感謝の日"),
    ];

    public static BusinessCalendar Calendar() => new(Y2025To2027, 2025, 2027);
}
