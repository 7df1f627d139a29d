using System.Globalization;
using Meguro.Learning.Domain.Calendar;
using YamlDotNet.RepresentationModel;

namespace Meguro.Learning.Content;

/// <summary><c>content/calendar/holidays.yml</c> read and checked: a calendar, or the problems with the file.</summary>
public sealed record HolidayFile(BusinessCalendar? Calendar, IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Calendar is not null && Issues.Count == 0;
}

/// <summary>
/// Loads the national holidays from <c>content/calendar/holidays.yml</c> into a <see cref="BusinessCalendar"/>.
/// The file says which years it covers (<c>firstYear</c>, <c>lastYear</c>) and every covered year must
/// have its holidays (at least 元日), so that a year nobody added is an error here and not a year
/// without holidays in the reminder job. docs/content-format.md describes the format.
/// </summary>
public static class HolidayCatalog
{
    public const string FileName = "holidays.yml";
    public const string FolderName = "calendar";
    public const string FileLabel = "content/calendar/holidays.yml";

    private const string HowToWrite = "「- date: 2026-01-01」と「name: 元日」の組で書いてください。";

    public static HolidayFile Parse(string yaml, string fileLabel = FileLabel)
    {
        var reader = new ContentYaml(fileLabel);
        var root = reader.Root(yaml, "firstYear、lastYear と holidays を書いてください。");
        if (root is null)
        {
            return new HolidayFile(null, reader.Issues);
        }
        var fields = reader.Fields(root, "firstYear", "lastYear", "holidays");
        var firstYear = Year(reader, fields, "firstYear", "祝日データの最初の年");
        var lastYear = Year(reader, fields, "lastYear", "祝日データの最後の年");
        if (firstYear > lastYear)
        {
            reader.Error(fields["lastYear"], $"lastYear（{lastYear}）が firstYear（{firstYear}）より前になっています。");
        }
        var holidays = new List<Holiday>();
        var lines = new Dictionary<DateOnly, int>();
        if (!fields.TryGetValue("holidays", out var list))
        {
            reader.Error(1, $"holidays（祝日の一覧）がありません。{HowToWrite}");
        }
        else
        {
            foreach (var entry in reader.Mappings(list, "holidays", HowToWrite))
            {
                if (ReadHoliday(reader, entry, firstYear, lastYear, lines) is { } holiday)
                {
                    holidays.Add(holiday);
                }
            }
        }
        CheckEveryYearIsListed(reader, fields, firstYear, lastYear, lines);
        return reader.Issues.Count > 0 || firstYear is not { } first || lastYear is not { } last
            ? new HolidayFile(null, reader.Issues)
            : new HolidayFile(new BusinessCalendar(holidays, first, last), []);
    }

    /// <summary>
    /// Reads <c>calendar/holidays.yml</c> under <paramref name="contentRoot"/>. A malformed file stops the
    /// caller (start-up or the reminder job) with every problem in the message: computing deadlines with
    /// a wrong calendar would be worse than not computing them.
    /// </summary>
    public static BusinessCalendar Load(string contentRoot)
    {
        var path = Path.Combine(contentRoot, FolderName, FileName);
        if (!File.Exists(path))
        {
            throw new ContentFileException(FileLabel, 0, "祝日データのファイルがありません。営業日の計算に必要です。");
        }
        var file = Parse(File.ReadAllText(path));
        if (!file.IsValid)
        {
            var first = file.Issues[0];
            var others = file.Issues.Count > 1 ? "\n" + string.Join("\n", file.Issues.Skip(1)) : "";
            throw new ContentFileException(first.File, first.Line, first.Message + others);
        }
        return file.Calendar!;
    }

    private static int? Year(ContentYaml reader, Dictionary<string, YamlNode> fields, string key, string meaning)
    {
        if (!fields.ContainsKey(key))
        {
            reader.Error(1, $"{key}（{meaning}）がありません。");
            return null;
        }
        var year = reader.Integer(fields, key, 1, meaning);
        if (year is < 2000 or > 2999)
        {
            reader.Error(fields[key], $"{key}（{meaning}）は西暦4桁で書いてください（「{year}」は使えません）。");
            return null;
        }
        return year;
    }

    private static Holiday? ReadHoliday(ContentYaml reader, YamlMappingNode entry, int? firstYear, int? lastYear, Dictionary<DateOnly, int> lines)
    {
        var fields = reader.Fields(entry, "date", "name");
        var text = reader.Text(fields, "date");
        var name = reader.Text(fields, "name");
        if (text is null)
        {
            reader.Error(entry, $"date（日付）がありません。{HowToWrite}");
            return null;
        }
        var line = ContentYaml.LineOf(fields["date"]);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            reader.Error(line, $"日付「{text}」を読み取れません。2026-01-01 の形で、実在する日付を書いてください。");
            return null;
        }
        if (name is null)
        {
            reader.Error(entry, $"{date:yyyy-MM-dd} の name（祝日の名前）がありません。");
        }
        if (lines.TryGetValue(date, out var firstLine))
        {
            reader.Error(line, $"日付 {date:yyyy-MM-dd} が重複しています（{firstLine} 行目と同じ日付です）。");
            return null;
        }
        lines.Add(date, line);
        if (firstYear is { } first && lastYear is { } last && (date.Year < first || date.Year > last))
        {
            reader.Error(line, $"日付 {date:yyyy-MM-dd} は firstYear〜lastYear（{first}年〜{last}年）の外です。年を追加したときは lastYear も更新してください。");
            return null;
        }
        return name is null ? null : new Holiday(date, name);
    }

    /// <summary>Every year's holidays include 元日, so a covered year without it is a year that was never filled in.</summary>
    private static void CheckEveryYearIsListed(ContentYaml reader, Dictionary<string, YamlNode> fields, int? firstYear, int? lastYear, Dictionary<DateOnly, int> lines)
    {
        if (firstYear is not { } first || lastYear is not { } last || !fields.TryGetValue("holidays", out _))
        {
            return;
        }
        for (var year = first; year <= last; year++)
        {
            if (!lines.ContainsKey(new DateOnly(year, 1, 1)))
            {
                reader.Error(fields["lastYear"],
                    $"{year}年の祝日が書かれていません（元日 {year}-01-01 がありません）。firstYear〜lastYear の各年の祝日をすべて書いてください。");
            }
        }
    }
}
