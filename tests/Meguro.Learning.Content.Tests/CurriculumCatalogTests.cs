using Meguro.Learning.Content.Tests.Infrastructure;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Content.Tests;

public sealed class CurriculumCatalogTests
{
    private const string Label = "content/curricula/sample.yml";
    private const string Slugs = "business-improvement、data-literacy、digital-inclusion、dx-leader-management、generative-ai、information-security、meguro-dx-basics、personal-information、service-design";
    private const string Levels = "kakariin、shunin、kakaricho、kacho-hosa、kacho、bucho";

    private static readonly CurriculumReference Reference = new(
        Slugs.Split('、').ToHashSet(StringComparer.Ordinal),
        new Dictionary<string, int> { ["kakariin"] = 1, ["shunin"] = 2, ["kakaricho"] = 3, ["kacho-hosa"] = 4, ["kacho"] = 5, ["bucho"] = 6 });

    // Line numbers of the sample are used by the tests below.
    private const string Sample = """
        id: sample
        name: 見本
        courses:
          - course: meguro-dx-basics
          - course: information-security
            yearly: true
        rule:
          minJobLevel: kakaricho
          employmentTypes: [正規]
        due:
          fixedDate: 03-31

        """;

    private static (Curriculum? Curriculum, int IdLine, IReadOnlyList<ContentIssue> Issues) Parse(string yaml) =>
        CurriculumCatalog.ParseFile(yaml, Label, Reference);

    [Fact]
    public void A_valid_file_gives_the_curriculum()
    {
        var (curriculum, _, issues) = Parse(Sample);

        Assert.Empty(issues);
        Assert.Equal(("sample", "見本", ""), (curriculum!.Id, curriculum.Name, curriculum.Description));
        Assert.Equal([new CurriculumCourse("meguro-dx-basics", true, false), new CurriculumCourse("information-security", true, true)], curriculum.Courses);
        Assert.Equal(new MinimumJobLevel("kakaricho", 3), curriculum.Rule.MinJobLevel);
        Assert.Equal([EmploymentType.Regular], curriculum.Rule.EmploymentTypes);
        Assert.Equal(DuePolicy.FixedDate(3, 31), curriculum.Due);
    }

    [Fact]
    public void Every_rule_and_due_field_is_read()
    {
        var (curriculum, _, issues) = Parse("""
            id: sample
            name: 見本
            description: 説明
            courses:
              - course: generative-ai
                required: false
            rule:
              jobLevels: [kacho-hosa]
              minJobLevel: kacho
              employmentTypes: [会計年度任用職員, 再任用]
              orgUnits:
                - B01
                - B02-K03
              hiredWithinDays: 30
            due:
              daysAfterAssignment: 45
            """);

        Assert.Empty(issues);
        var rule = curriculum!.Rule;
        Assert.Equal(["kacho-hosa"], rule.JobLevelCodes);
        Assert.Equal(new MinimumJobLevel("kacho", 5), rule.MinJobLevel);
        Assert.Equal([EmploymentType.FiscalYearAppointed, EmploymentType.Reappointed], rule.EmploymentTypes);
        Assert.Equal(["B01", "B02-K03"], rule.OrgUnitCodes);
        Assert.Equal(30, rule.HiredWithinDays);
        Assert.Equal(DuePolicy.DaysAfterAssignment(45), curriculum.Due);
        Assert.False(Assert.Single(curriculum.Courses).IsRequired);
        Assert.Equal("説明", curriculum.Description);
    }

    [Fact]
    public void Without_a_rule_a_curriculum_is_for_everyone()
    {
        var (curriculum, _, issues) = Parse(Sample.Replace("rule:\n  minJobLevel: kakaricho\n  employmentTypes: [正規]\n", "", StringComparison.Ordinal));

        Assert.Empty(issues);
        Assert.True(curriculum!.Rule.Matches(new EmployeeFacts("kakariin", 1, EmploymentType.FiscalYearAppointed, "/B01/", null, null), new DateOnly(2026, 4, 1)));
    }

    public static TheoryData<string, string, string> Problems => new()
    {
        { "course: meguro-dx-basics", "course: dx-basics", $"{Label}:4: コース「dx-basics」は content/courses/ にありません（{Slugs}）。" },
        { "minJobLevel: kakaricho", "minJobLevel: kakarichou", $"{Label}:8: 職層コード「kakarichou」は content/job-levels.yml にありません（{Levels}）。" },
        { "minJobLevel: kakaricho", "jobLevels: [kacho, shuji]", $"{Label}:8: 職層コード「shuji」は content/job-levels.yml にありません（{Levels}）。" },
        { "employmentTypes: [正規]", "employmentTypes: [正規, パート]", $"{Label}:9: 雇用区分「パート」は使えません（正規、会計年度任用、再任用 のいずれか）。" },
        { "employmentTypes: [正規]", "employmentTypes: 正規", $"{Label}:9: employmentTypes はリストで書いてください（例: employmentTypes: [正規, 再任用]）。" },
        { "employmentTypes: [正規]", "orgUnits: [/B01/]", $"{Label}:9: 所属コード「/B01/」は使えません。組織CSVの所属コード（例: B01-K02）を1つずつ書いてください。" },
        { "employmentTypes: [正規]", "hiredWithinDays: -1", $"{Label}:9: hiredWithinDays（採用後の日数）は 0 以上の整数で書いてください（「-1」は使えません）。" },
        { "fixedDate: 03-31", "fixedDate: 03-31\n  daysAfterAssignment: 30", $"{Label}:11: due に daysAfterAssignment と fixedDate の両方があります。daysAfterAssignment（割当から何日後）か fixedDate（毎年の日付。例: 03-31）のどちらか一方を書いてください。" },
        { "fixedDate: 03-31", "fixedDate: 02-29", $"{Label}:11: fixedDate「02-29」を読み取れません。03-31 のように「月-日」で、毎年ある日付を書いてください（02-29 は使えません）。" },
        { "fixedDate: 03-31", "fixedDate: 3/31", $"{Label}:11: fixedDate「3/31」を読み取れません。03-31 のように「月-日」で、毎年ある日付を書いてください（02-29 は使えません）。" },
        { "fixedDate: 03-31", "daysAfterAssignment: 0", $"{Label}:11: daysAfterAssignment（割当から期限までの日数）は 1 以上の整数で書いてください（「0」は使えません）。" },
        { "fixedDate: 03-31", "fixedDat: 03-31", $"{Label}:11: 「fixedDat」という項目は使えません（使えるのは daysAfterAssignment、fixedDate）。" },
        { "due:\n  fixedDate: 03-31\n", "", $"{Label}:1: due（期限）がありません。daysAfterAssignment（割当から何日後）か fixedDate（毎年の日付。例: 03-31）のどちらか一方を書いてください。" },
        { "id: sample\n", "", $"{Label}:1: id（カリキュラムの識別子。例: all-staff）がありません。" },
        { "id: sample", "id: All Staff", $"{Label}:1: id「All Staff」は使えません。英小文字・数字・ハイフンにしてください（例: all-staff）。" },
        { "name: 見本\n", "", $"{Label}:1: name（カリキュラムの名前）がありません。" },
        { "    yearly: true", "    yearly: yes", $"{Label}:6: yearly は true か false で書いてください（「yes」は使えません）。" },
        { "    yearly: true", "    yearly: true\n    reqired: false", $"{Label}:7: 「reqired」という項目は使えません（使えるのは course、required、yearly）。" },
        { "information-security", "meguro-dx-basics", $"{Label}:5: コース「meguro-dx-basics」が2回あります（4 行目）。" },
        { "  - course: information-security\n", "  - required: false\n", $"{Label}:5: course（コースのスラッグ）がありません。「- course: information-security」の形で書き、必要なら「required: false」「yearly: true」を添えてください。" },
        { "courses:\n  - course: meguro-dx-basics\n  - course: information-security\n    yearly: true\n", "courses:\n", $"{Label}:3: courses（コースの一覧）がありません。「- course: information-security」の形で書き、必要なら「required: false」「yearly: true」を添えてください。" },
        { "name: 見本", "name: 見本\nname: 別名", $"{Label}:3: 「name」が2回書かれています。" },
        { "name: 見本", "name: 見本\ntitle: 題", $"{Label}:3: 「title」という項目は使えません（使えるのは id、name、description、courses、rule、due）。" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_the_file_and_line_in_Japanese(string replace, string with, string expected)
    {
        Assert.Contains(replace, Sample, StringComparison.Ordinal);

        var (curriculum, _, issues) = Parse(Sample.Replace(replace, with, StringComparison.Ordinal));

        Assert.Null(curriculum);
        Assert.Contains(expected, issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var (_, _, issues) = Parse(Sample.Replace("  employmentTypes: [正規]", "   employmentTypes: [正規]", StringComparison.Ordinal));

        var issue = Assert.Single(issues);
        Assert.Equal(9, issue.Line);
        Assert.StartsWith("YAML を読み取れません", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_bracket_is_a_problem_of_the_file_not_a_crash()
    {
        var (curriculum, _, issues) = Parse(Sample.Replace("[正規]", "[正規", StringComparison.Ordinal));

        Assert.Null(curriculum);
        Assert.Equal($"{Label}: " + "YAML を読み取れません（[ ] や { } 、引用符が閉じられていないようです）。", Assert.Single(issues).ToString());
    }

    [Fact]
    public void A_duplicate_id_across_files_names_both_places()
    {
        var set = CurriculumCatalog.Parse(new Dictionary<string, string>
        {
            ["content/curricula/a.yml"] = Sample,
            ["content/curricula/b.yml"] = "# 見本の写し\n" + Sample,
        }, Reference);

        Assert.Empty(set.Curricula);
        Assert.Equal("content/curricula/b.yml:2: id「sample」は content/curricula/a.yml の 1 行目でも使われています。カリキュラムの id は重複できません。",
            Assert.Single(set.Issues).ToString());
    }

    [Fact]
    public void One_malformed_file_leaves_no_curriculum_in_effect_and_every_file_is_checked()
    {
        var set = CurriculumCatalog.Parse(new Dictionary<string, string>
        {
            ["content/curricula/a.yml"] = Sample,
            ["content/curricula/b.yml"] = Sample.Replace("id: sample", "id: other", StringComparison.Ordinal).Replace("03-31", "02-30", StringComparison.Ordinal),
            ["content/curricula/c.yml"] = Sample.Replace("id: sample", "id: third", StringComparison.Ordinal).Replace("kakaricho", "boss", StringComparison.Ordinal),
        }, Reference);

        Assert.False(set.IsValid);
        Assert.Empty(set.Curricula);
        Assert.Equal(["content/curricula/b.yml:11", "content/curricula/c.yml:8"], set.Issues.Select(i => $"{i.File}:{i.Line}"));
    }

    [Fact]
    public void Loading_reads_every_yml_of_the_folder()
    {
        using var content = RepositoryContent.Copy();
        File.WriteAllText(Path.Combine(content.Root, "curricula", "zz-broken.yml"), Sample.Replace("id: sample", "id: all-staff", StringComparison.Ordinal));

        var set = CurriculumCatalog.Load(content.Root);

        Assert.Empty(set.Curricula);
        Assert.Equal("content/curricula/zz-broken.yml:1: id「all-staff」は content/curricula/all-staff.yml の 2 行目でも使われています。カリキュラムの id は重複できません。",
            Assert.Single(set.Issues).ToString());
    }
}
