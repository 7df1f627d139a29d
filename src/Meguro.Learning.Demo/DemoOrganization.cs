using System.Text;
using Meguro.Learning.Domain.Organization;

namespace Meguro.Learning.Demo;

/// <summary>One row of the demo organisation CSV.</summary>
/// <param name="ParentCode">Null for a 部.</param>
public sealed record DemoOrgUnit(string Code, string Name, OrgUnitKind Kind, string? ParentCode);

/// <summary>
/// A plausible 目黒区 organisation chart (部 → 課 → 係) as the HR system would export it. It is fixed
/// data, not generated, so that demo scripts and screenshots can name real-sounding units and stay
/// valid from one release to the next.
/// </summary>
public static class DemoOrganization
{
    public const string CsvHeader = "所属コード,所属名,種別,上位所属コード";

    /// <summary>
    /// The chart. Codes come from the position in this table (部 <c>B01</c>, 課 <c>B01-K01</c>,
    /// 係 <c>B01-K01-T01</c>), so new units go at the end of their list: inserting one in the middle
    /// would renumber its siblings and every roster row that points at them.
    /// </summary>
    private static readonly (string Department, (string Section, string[] Teams)[] Sections)[] Chart =
    [
        ("企画経営部",
        [
            ("企画課", ["庶務係", "企画係", "行政改革係"]),
            ("情報政策推進課", ["情報システム係", "DX推進係", "情報セキュリティ係"]),
            ("財政課", ["財政係", "財産管理係"]),
            ("広報課", ["広報係", "広聴係", "区政情報係"]),
        ]),
        ("総務部",
        [
            ("総務課", ["庶務係", "文書係", "法務係"]),
            ("人事課", ["人事係", "研修係", "給与係", "厚生係"]),
            ("契約課", ["契約係", "検査係"]),
            ("施設課", ["施設計画係", "施設管理係"]),
        ]),
        ("危機管理室",
        [
            ("防災課", ["防災計画係", "防災対策係", "地域防災係"]),
            ("生活安全課", ["生活安全係", "交通安全係"]),
        ]),
        ("区民生活部",
        [
            ("地域振興課", ["地域振興係", "住区係", "町会係"]),
            ("戸籍住民課", ["住民記録係", "戸籍係", "証明係", "窓口サービス係"]),
            ("税務課", ["税務係", "課税係", "収納係", "滞納整理係"]),
            ("国保年金課", ["国保資格係", "国保給付係", "国民年金係", "保険料係"]),
        ]),
        ("産業経済部",
        [
            ("産業経済課", ["産業振興係", "商工係", "観光係"]),
            ("消費生活課", ["消費生活係", "消費者相談係"]),
        ]),
        ("文化・スポーツ部",
        [
            ("文化・交流課", ["文化振興係", "国際交流係"]),
            ("スポーツ振興課", ["スポーツ振興係", "スポーツ施設係"]),
            ("人権政策課", ["人権政策係", "男女平等・共同参画係"]),
        ]),
        ("健康福祉部",
        [
            ("福祉総合課", ["福祉総務係", "地域福祉係", "福祉相談係"]),
            ("高齢福祉課", ["高齢福祉係", "在宅支援係"]),
            ("障害者支援課", ["障害福祉係", "障害者相談係", "障害者施設係"]),
            ("介護保険課", ["資格保険料係", "給付係", "認定係"]),
            ("生活福祉課", ["保護係", "相談係", "自立支援係"]),
            ("健康推進課", ["健康づくり係", "保健予防係", "保健サービス係"]),
        ]),
        ("子育て支援部",
        [
            ("子育て支援課", ["子育て支援係", "子ども家庭相談係", "児童手当係"]),
            ("保育課", ["保育計画係", "保育入園係", "保育施設係", "保育指導係"]),
            ("放課後子ども対策課", ["学童保育係", "児童館係"]),
            ("子ども家庭課", ["子ども家庭係", "ひとり親支援係"]),
        ]),
        ("都市整備部",
        [
            ("都市計画課", ["都市計画係", "地区整備係", "交通計画係"]),
            ("建築課", ["建築指導係", "建築審査係", "住宅係"]),
            ("土木管理課", ["道路管理係", "占用係", "自転車対策係"]),
            ("土木工事課", ["道路工事係", "公園工事係", "設計係"]),
            ("みどり土木政策課", ["みどり政策係", "公園管理係"]),
        ]),
        ("環境清掃部",
        [
            ("環境保全課", ["環境計画係", "環境指導係"]),
            ("清掃管理課", ["清掃計画係", "資源循環係", "事業調整係"]),
            ("目黒清掃事務所", ["業務係", "作業第一係", "作業第二係"]),
        ]),
        ("教育委員会事務局",
        [
            ("教育政策課", ["庶務係", "教育計画係"]),
            ("学校運営課", ["学務係", "学校施設係", "保健給食係"]),
            ("教育指導課", ["教育指導係", "教育ICT推進係", "教職員係"]),
            ("生涯学習課", ["生涯学習係", "社会教育係", "文化財係"]),
            ("八雲中央図書館", ["管理係", "奉仕係"]),
        ]),
    ];

    /// <summary>Every unit, each 部 followed by its 課 and each 課 by its 係 (the CSV row order).</summary>
    public static IReadOnlyList<DemoOrgUnit> Units { get; } = BuildUnits();

    /// <summary>The organisation CSV, header first, as the HR system would export it.</summary>
    public static string ToCsv()
    {
        var csv = new StringBuilder(Units.Count * 48);
        csv.Append(CsvHeader).Append(Csv.LineEnd);
        foreach (var unit in Units)
        {
            Csv.AppendRow(csv, unit.Code, unit.Name, unit.Kind.ToJapanese(), unit.ParentCode ?? "");
        }
        return csv.ToString();
    }

    /// <summary>
    /// The code of a unit found by its names from the 部 down, e.g.
    /// <c>CodeOf("総務部", "人事課", "研修係")</c>. Unit names repeat across the chart (庶務係),
    /// so a bare name would be ambiguous.
    /// </summary>
    public static string CodeOf(params string[] namePath)
    {
        ArgumentOutOfRangeException.ThrowIfZero(namePath.Length);
        string? parent = null;
        DemoOrgUnit? found = null;
        foreach (var name in namePath)
        {
            found = Units.FirstOrDefault(u => u.ParentCode == parent && u.Name == name)
                ?? throw new ArgumentException($"デモ組織に「{string.Join(" › ", namePath)}」はありません。", nameof(namePath));
            parent = found.Code;
        }
        return found!.Code;
    }

    private static List<DemoOrgUnit> BuildUnits()
    {
        var units = new List<DemoOrgUnit>();
        for (var b = 0; b < Chart.Length; b++)
        {
            var (department, sections) = Chart[b];
            var departmentCode = $"B{b + 1:00}";
            units.Add(new DemoOrgUnit(departmentCode, department, OrgUnitKind.Department, null));
            for (var k = 0; k < sections.Length; k++)
            {
                var (section, teams) = sections[k];
                var sectionCode = $"{departmentCode}-K{k + 1:00}";
                units.Add(new DemoOrgUnit(sectionCode, section, OrgUnitKind.Section, departmentCode));
                for (var t = 0; t < teams.Length; t++)
                {
                    units.Add(new DemoOrgUnit($"{sectionCode}-T{t + 1:00}", teams[t], OrgUnitKind.Team, sectionCode));
                }
            }
        }
        return units;
    }
}
