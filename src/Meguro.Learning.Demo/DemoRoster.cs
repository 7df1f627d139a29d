using System.Globalization;
using System.Text;
using Bogus;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Demo;

/// <summary>
/// The demo staff roster as the HR system's CSV export. It is generated from a fixed seed so that
/// the same seed always gives byte-identical text: demos, screenshots and benchmarks can rely on
/// the same people being in the same places.
/// </summary>
public static class DemoRoster
{
    public const string CsvHeader = "職員番号,氏名,カナ,メールアドレス,所属コード,職層,雇用区分,任用期間終了日,採用日,所属長";

    public const int DefaultSeed = 20260401;
    public const int DefaultSize = 3000;

    /// <summary>Below this there would be too few staff left once every unit has its head.</summary>
    public const int MinimumSize = 500;

    /// <summary>Generated 職員番号 run from 100001 upwards and must stay below the personas' 900001.</summary>
    public const int MaximumSize = 500_000;

    /// <summary>Under <c>demo.</c> so nobody can mistake a generated address for a real one.</summary>
    public const string EmailDomain = "demo.city.meguro.lg.jp";

    /// <summary>
    /// The day the roster describes. A constant rather than today's date, because the output
    /// must not change from one run to the next.
    /// </summary>
    public static readonly DateOnly AsOf = new(2026, 11, 1);

    /// <summary>End of fiscal year 2026: when 会計年度任用 and 再任用 appointments run out.</summary>
    public static readonly DateOnly AppointmentEndDate = new(2027, 3, 31);

    private const int FirstEmployeeNumber = 100001;
    private const string UnitHeadMark = "○";
    private const double FiscalYearAppointedShare = 0.18;
    private const double ReappointedShare = 0.05;
    private const double ReappointedShuninShare = 0.4;
    private const double ShuninShareOfStaff = 0.25;
    private const double NewHireShare = 0.01;
    private const double DeputyChance = 0.6;

    private static readonly DateOnly FiscalYearStart = new(2026, 4, 1);

    /// <summary>
    /// New hires get dates in the last 20 days up to <see cref="AsOf"/>, everyone else is hired
    /// on or before this date, so "hired within the last 30 days" picks out exactly the new hires
    /// however a report counts the window's ends.
    /// </summary>
    private static readonly DateOnly LatestOrdinaryHireDate = new(2026, 9, 30);

    /// <summary>
    /// The roster CSV, header first, rows in 職員番号 order. <paramref name="approximateSize"/> is the
    /// number of rows; larger sizes put more staff into each 係 of the fixed organisation.
    /// </summary>
    public static string ToCsv(int seed = DefaultSeed, int approximateSize = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(approximateSize, MinimumSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(approximateSize, MaximumSize);

        var people = Generate(seed, approximateSize);
        var csv = new StringBuilder(people.Count * 130);
        csv.Append(CsvHeader).Append(Csv.LineEnd);
        foreach (var p in people)
        {
            Csv.AppendRow(
                csv,
                p.EmployeeNumber,
                p.Name,
                p.Kana,
                p.Email,
                p.OrgUnitCode,
                p.JobLevel,
                p.EmploymentType.ToJapanese(),
                p.AppointmentEnd is { } end ? FormatDate(end) : "",
                FormatDate(p.HiredOn),
                p.IsUnitHead ? UnitHeadMark : "");
        }
        return csv.ToString();
    }

    private static List<Person> Generate(int seed, int size)
    {
        // Bogus's own seeded Randomizer, never the global static seed, so that generating one
        // roster cannot change another generated elsewhere in the same process.
        var faker = new Faker("ja") { Random = new Randomizer(seed) };
        var random = faker.Random;

        var replacedHeads = DemoPersonas.All.Where(p => p.IsUnitHead).Select(p => p.OrgUnitCode).ToHashSet(StringComparer.Ordinal);
        var generated = new List<Person>(size);
        var teams = new List<string>();

        foreach (var unit in DemoOrganization.Units)
        {
            switch (unit.Kind)
            {
                case OrgUnitKind.Department:
                    generated.Add(NewPerson(random, unit.Code, JobLevelNames.Bucho, EmploymentType.Regular, HireDate(random, 1986, 1994), isHead: true));
                    break;
                case OrgUnitKind.Section:
                    if (!replacedHeads.Contains(unit.Code))
                    {
                        generated.Add(NewPerson(random, unit.Code, JobLevelNames.Kacho, EmploymentType.Regular, HireDate(random, 1989, 2000), isHead: true));
                    }
                    if (random.Bool((float)DeputyChance))
                    {
                        generated.Add(NewPerson(random, unit.Code, JobLevelNames.KachoHosa, EmploymentType.Regular, HireDate(random, 1992, 2004), isHead: false));
                    }
                    break;
                case OrgUnitKind.Team:
                    teams.Add(unit.Code);
                    if (!replacedHeads.Contains(unit.Code))
                    {
                        generated.Add(NewPerson(random, unit.Code, JobLevelNames.Kakaricho, EmploymentType.Regular, HireDate(random, 1996, 2012), isHead: true));
                    }
                    break;
            }
        }

        var staffCount = Math.Max(0, size - generated.Count - DemoPersonas.All.Count);
        var staffTeams = SpreadOverTeams(random, teams, staffCount);
        var staffRoles = StaffRoles(random, size, staffCount);
        for (var i = 0; i < staffCount; i++)
        {
            var (level, type, hiredOn) = staffRoles[i] switch
            {
                StaffRole.FiscalYearAppointed => (JobLevelNames.Kakariin, EmploymentType.FiscalYearAppointed, FiscalYearAppointedHireDate(random)),
                StaffRole.ReappointedShunin => (JobLevelNames.Shunin, EmploymentType.Reappointed, HireDate(random, 2021, 2026, midCareerChance: 0)),
                StaffRole.ReappointedKakariin => (JobLevelNames.Kakariin, EmploymentType.Reappointed, HireDate(random, 2021, 2026, midCareerChance: 0)),
                StaffRole.Shunin => (JobLevelNames.Shunin, EmploymentType.Regular, HireDate(random, 2004, 2019)),
                StaffRole.NewHire => (JobLevelNames.Kakariin, EmploymentType.Regular, NewHireDate(random)),
                _ => (JobLevelNames.Kakariin, EmploymentType.Regular, HireDate(random, 2010, 2026)),
            };
            generated.Add(NewPerson(random, staffTeams[i], level, type, hiredOn, isHead: false));
        }

        // Numbers follow the hiring order, as an HR system hands them out: long-serving staff
        // have the low numbers. The generation index breaks ties so the order is total.
        var numbered = generated
            .Select((person, index) => (person, index))
            .OrderBy(x => x.person.HiredOn)
            .ThenBy(x => x.index)
            .Select((x, n) => x.person.WithNumber((FirstEmployeeNumber + n).ToString(CultureInfo.InvariantCulture)))
            .ToList();

        numbered.AddRange(DemoPersonas.All.Select(PersonaRow));
        return numbered;
    }

    private enum StaffRole
    {
        Kakariin,
        Shunin,
        FiscalYearAppointed,
        ReappointedShunin,
        ReappointedKakariin,
        NewHire,
    }

    /// <summary>
    /// Exact counts of each kind of staff, shuffled over the staff slots, so the shares are the
    /// same at every size instead of drifting with chance.
    /// </summary>
    private static StaffRole[] StaffRoles(Randomizer random, int size, int staffCount)
    {
        var roles = new StaffRole[staffCount];
        var next = 0;
        void Fill(StaffRole role, int count)
        {
            count = Math.Clamp(count, 0, staffCount - next);
            Array.Fill(roles, role, next, count);
            next += count;
        }

        var reappointed = (int)Math.Round(size * ReappointedShare);
        var reappointedShunin = (int)Math.Round(reappointed * ReappointedShuninShare);
        Fill(StaffRole.FiscalYearAppointed, (int)Math.Round(size * FiscalYearAppointedShare));
        Fill(StaffRole.ReappointedShunin, reappointedShunin);
        Fill(StaffRole.ReappointedKakariin, reappointed - reappointedShunin);
        Fill(StaffRole.Shunin, (int)Math.Round(staffCount * ShuninShareOfStaff) - reappointedShunin);
        Fill(StaffRole.NewHire, (int)Math.Round(size * NewHireShare));
        Fill(StaffRole.Kakariin, staffCount - next);

        for (var i = roles.Length - 1; i > 0; i--)
        {
            var j = random.Int(0, i);
            (roles[i], roles[j]) = (roles[j], roles[i]);
        }
        return roles;
    }

    /// <summary>
    /// The 係 of each staff slot, in team order. Teams differ in size (a 窓口 team is bigger than a
    /// planning team), so each gets a random weight and a largest-remainder share of the staff.
    /// </summary>
    private static string[] SpreadOverTeams(Randomizer random, List<string> teams, int staffCount)
    {
        var weights = teams.Select(_ => random.Double(0.6, 1.4)).ToArray();
        var total = weights.Sum();
        var exact = weights.Select(w => staffCount * w / total).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = staffCount - counts.Sum();
        foreach (var t in Enumerable.Range(0, teams.Count).OrderByDescending(t => exact[t] - counts[t]).ThenBy(t => t).Take(left))
        {
            counts[t]++;
        }

        var slots = new string[staffCount];
        var next = 0;
        for (var t = 0; t < teams.Count; t++)
        {
            Array.Fill(slots, teams[t], next, counts[t]);
            next += counts[t];
        }
        return slots;
    }

    private static Person NewPerson(Randomizer random, string orgUnitCode, string jobLevel, EmploymentType type, DateOnly hiredOn, bool isHead)
    {
        var family = random.ArrayElement(DemoNames.Family);
        var given = random.Bool() ? random.ArrayElement(DemoNames.Male) : random.ArrayElement(DemoNames.Female);
        return new Person(
            EmployeeNumber: "",
            Name: family.Kanji + "　" + given.Kanji,
            Kana: family.Kana + "　" + given.Kana,
            MailLocalName: given.Romaji[0] + "." + family.Romaji,
            OrgUnitCode: orgUnitCode,
            JobLevel: jobLevel,
            EmploymentType: type,
            AppointmentEnd: type == EmploymentType.Regular ? null : AppointmentEndDate,
            HiredOn: hiredOn,
            IsUnitHead: isHead);
    }

    private static Person PersonaRow(DemoPersona persona) => new(
        persona.EmployeeNumber,
        persona.Name,
        persona.Kana,
        MailLocalName: "",
        persona.OrgUnitCode,
        persona.JobLevel,
        EmploymentType.Regular,
        AppointmentEnd: null,
        persona.HiredOn,
        persona.IsUnitHead)
    {
        Email = persona.Email,
    };

    /// <summary>
    /// Most Japanese public servants join on 1 April; some come mid-career on another date of the
    /// fiscal year. Dates never reach the new-hire window.
    /// </summary>
    private static DateOnly HireDate(Randomizer random, int firstYear, int lastYear, double midCareerChance = 0.1)
    {
        var year = random.Int(firstYear, lastYear);
        var april = new DateOnly(year, 4, 1);
        if (!random.Bool((float)midCareerChance))
        {
            return april;
        }
        var last = new DateOnly(year + 1, 3, 31);
        if (last > LatestOrdinaryHireDate)
        {
            last = LatestOrdinaryHireDate;
        }
        return april.AddDays(random.Int(1, last.DayNumber - april.DayNumber));
    }

    private static DateOnly FiscalYearAppointedHireDate(Randomizer random) =>
        random.Bool(0.85f)
            ? FiscalYearStart
            : FiscalYearStart.AddDays(random.Int(1, LatestOrdinaryHireDate.DayNumber - FiscalYearStart.DayNumber));

    /// <summary>Half join on the first of the month (<see cref="AsOf"/>), the rest in the 20 days before.</summary>
    private static DateOnly NewHireDate(Randomizer random) =>
        random.Bool() ? AsOf : AsOf.AddDays(-random.Int(1, 20));

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Person(
        string EmployeeNumber,
        string Name,
        string Kana,
        string MailLocalName,
        string OrgUnitCode,
        string JobLevel,
        EmploymentType EmploymentType,
        DateOnly? AppointmentEnd,
        DateOnly HiredOn,
        bool IsUnitHead)
    {
        public string Email { get; init; } = "";

        public Person WithNumber(string number) =>
            this with { EmployeeNumber = number, Email = $"{MailLocalName}.{number}@{EmailDomain}" };
    }
}
