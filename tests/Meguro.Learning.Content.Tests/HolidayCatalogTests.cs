using Meguro.Learning.Content.Tests.Infrastructure;
using Meguro.Learning.Domain.Calendar;

namespace Meguro.Learning.Content.Tests;

public sealed class HolidayCatalogTests
{
    private const string Label = "content/calendar/holidays.yml";

    private const string Valid = """
        firstYear: 2026
        lastYear: 2026
        holidays:
          - date: 2026-01-01
            name: 元日
          - date: 2026-05-06
            name: 振替休日

        """;

    [Fact]
    public void A_valid_file_gives_a_calendar_of_its_years()
    {
        var file = HolidayCatalog.Parse(Valid);

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal((2026, 2026), (file.Calendar!.FirstYear, file.Calendar.LastYear));
        Assert.False(file.Calendar.IsBusinessDay(new DateOnly(2026, 5, 6)));
        Assert.Equal("振替休日", file.Calendar.HolidayOn(new DateOnly(2026, 5, 6))?.Name);
    }

    public static TheoryData<string, string> Problems => new()
    {
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026-02-30\n    name: 誤り\n",
            $"{Label}:6: 日付「2026-02-30」を読み取れません。2026-01-01 の形で、実在する日付を書いてください。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026/02/11\n    name: 建国記念の日\n",
            $"{Label}:6: 日付「2026/02/11」を読み取れません。2026-01-01 の形で、実在する日付を書いてください。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026-01-01\n    name: 元日\n",
            $"{Label}:6: 日付 2026-01-01 が重複しています（4 行目と同じ日付です）。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026-02-11\n",
            $"{Label}:6: 2026-02-11 の name（祝日の名前）がありません。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - name: 建国記念の日\n",
            $"{Label}:6: date（日付）がありません。「- date: 2026-01-01」と「name: 元日」の組で書いてください。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2027-01-01\n    name: 元日\n",
            $"{Label}:6: 日付 2027-01-01 は firstYear〜lastYear（2026年〜2026年）の外です。年を追加したときは lastYear も更新してください。"
        },
        {
            "firstYear: 2026\nlastYear: 2027\nholidays:\n  - date: 2026-01-01\n    name: 元日\n",
            $"{Label}:2: 2027年の祝日が書かれていません（元日 2027-01-01 がありません）。firstYear〜lastYear の各年の祝日をすべて書いてください。"
        },
        {
            "firstYear: 2027\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n",
            $"{Label}:2: lastYear（2026）が firstYear（2027）より前になっています。"
        },
        {
            "lastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n",
            $"{Label}:1: firstYear（祝日データの最初の年）がありません。"
        },
        {
            "firstYear: 26\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n",
            $"{Label}:1: firstYear（祝日データの最初の年）は西暦4桁で書いてください（「26」は使えません）。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    nam: 元日\n",
            $"{Label}:5: 「nam」という項目は使えません（使えるのは date、name）。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\n",
            $"{Label}:1: holidays（祝日の一覧）がありません。「- date: 2026-01-01」と「name: 元日」の組で書いてください。"
        },
        {
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - 2026-01-01\n",
            $"{Label}:4: holidays の項目の形が違います。「- date: 2026-01-01」と「name: 元日」の組で書いてください。"
        },
        {
            "",
            $"{Label}:1: ファイルが空か、形が違います。firstYear、lastYear と holidays を書いてください。"
        },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_the_file_and_line_in_Japanese(string yaml, string expected)
    {
        var file = HolidayCatalog.Parse(yaml);

        Assert.Null(file.Calendar);
        Assert.Contains(expected, file.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var file = HolidayCatalog.Parse("firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: [元日\n");

        var issue = Assert.Single(file.Issues);
        Assert.InRange(issue.Line, 5, 6);
        Assert.StartsWith("YAML を読み取れません", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var file = HolidayCatalog.Parse("firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026-13-01\n    name: a\n  - date: 2026-02-11\n");

        Assert.Equal([6, 8], file.Issues.Select(i => i.Line));
    }

    [Fact]
    public void Loading_a_malformed_file_stops_with_every_problem_in_the_message()
    {
        using var content = RepositoryContent.Copy();
        File.WriteAllText(Path.Combine(content.Root, "calendar", "holidays.yml"),
            "firstYear: 2026\nlastYear: 2026\nholidays:\n  - date: 2026-01-01\n    name: 元日\n  - date: 2026-13-01\n    name: a\n  - date: 2026-02-11\n");

        var error = Assert.Throws<ContentFileException>(() => HolidayCatalog.Load(content.Root));

        Assert.Equal((Label, 6L), (error.File, error.Line));
        Assert.StartsWith($"{Label} の 6 行目: 日付「2026-13-01」", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Label}:8: 2026-02-11 の name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_empty_calendar()
    {
        using var content = RepositoryContent.Copy();
        File.Delete(Path.Combine(content.Root, "calendar", "holidays.yml"));

        var error = Assert.Throws<ContentFileException>(() => HolidayCatalog.Load(content.Root));

        Assert.Contains("祝日データのファイルがありません", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The shipped content/calendar/holidays.yml: loads, covers 2025–2031, and obeys 国民の祝日に関する法律.</summary>
public sealed class ShippedHolidayTests
{
    private static readonly BusinessCalendar Calendar = HolidayCatalog.Load(RepositoryContent.Root);

    private static readonly string[] FixedDates =
        ["01-01", "02-11", "02-23", "04-29", "05-03", "05-04", "05-05", "08-11", "11-03", "11-23"];

    [Fact]
    public void The_shipped_holidays_load_without_problems_for_2025_to_2031()
    {
        var file = HolidayCatalog.Parse(File.ReadAllText(Path.Combine(RepositoryContent.Root, "calendar", "holidays.yml")));

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal((2025, 2031), (Calendar.FirstYear, Calendar.LastYear));
    }

    [Theory]
    [InlineData(2025, 19)]
    [InlineData(2026, 18)]
    [InlineData(2027, 17)]
    [InlineData(2028, 16)]
    [InlineData(2029, 19)]
    [InlineData(2030, 19)]
    [InlineData(2031, 19)]
    public void Each_year_has_its_number_of_holidays(int year, int count) =>
        Assert.Equal(count, Calendar.Holidays.Count(h => h.Date.Year == year));

    [Theory]
    [InlineData("2026-03-20", "春分の日")]
    [InlineData("2026-09-23", "秋分の日")]
    [InlineData("2026-09-22", "国民の休日")]
    [InlineData("2026-05-06", "振替休日")]
    [InlineData("2027-03-21", "春分の日")]
    [InlineData("2027-03-22", "振替休日")]
    [InlineData("2027-09-23", "秋分の日")]
    [InlineData("2025-11-24", "振替休日")]
    [InlineData("2029-09-24", "振替休日")]
    [InlineData("2030-11-04", "振替休日")]
    public void Published_dates_are_in_the_file(string date, string name) =>
        Assert.Equal(name, Calendar.HolidayOn(DateOnly.Parse(date))?.Name);

    [Fact]
    public void Every_year_has_the_fixed_date_holidays_and_the_Monday_holidays()
    {
        for (var year = 2025; year <= 2031; year++)
        {
            foreach (var monthDay in FixedDates)
            {
                Assert.NotNull(Calendar.HolidayOn(DateOnly.Parse($"{year}-{monthDay}")));
            }
            Assert.Equal("成人の日", Calendar.HolidayOn(NthMonday(year, 1, 2))?.Name);
            Assert.Equal("海の日", Calendar.HolidayOn(NthMonday(year, 7, 3))?.Name);
            Assert.Equal("敬老の日", Calendar.HolidayOn(NthMonday(year, 9, 3))?.Name);
            Assert.Equal("スポーツの日", Calendar.HolidayOn(NthMonday(year, 10, 2))?.Name);
            Assert.Single(Calendar.Holidays, h => h.Date.Year == year && h.Name == "春分の日" && h.Date.Month == 3 && h.Date.Day is 20 or 21);
            Assert.Single(Calendar.Holidays, h => h.Date.Year == year && h.Name == "秋分の日" && h.Date.Month == 9 && h.Date.Day is 22 or 23);
        }
    }

    /// <summary>祝日法 第3条: a holiday on a Sunday gives the next non-holiday day off; a day between two holidays is a holiday.</summary>
    [Fact]
    public void Substitute_holidays_and_sandwiched_days_follow_the_law()
    {
        var holidays = Calendar.Holidays.ToDictionary(h => h.Date);
        var national = holidays.Values.Where(h => h.Name is not ("振替休日" or "国民の休日")).Select(h => h.Date).ToHashSet();
        foreach (var sunday in national.Where(d => d.DayOfWeek == DayOfWeek.Sunday))
        {
            var substitute = sunday.AddDays(1);
            while (national.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }
            Assert.True(holidays.TryGetValue(substitute, out var holiday) && holiday.Name == "振替休日", $"{sunday} の振替休日 {substitute}");
        }
        foreach (var substitute in holidays.Values.Where(h => h.Name == "振替休日").Select(h => h.Date))
        {
            var day = substitute.AddDays(-1);
            while (national.Contains(day) && day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }
            Assert.True(national.Contains(day) && day.DayOfWeek == DayOfWeek.Sunday, $"振替休日 {substitute} の前に日曜の祝日がありません");
        }
        foreach (var day in holidays.Values.Where(h => h.Name == "国民の休日").Select(h => h.Date))
        {
            Assert.Contains(day.AddDays(-1), national);
            Assert.Contains(day.AddDays(1), national);
        }
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }
}
