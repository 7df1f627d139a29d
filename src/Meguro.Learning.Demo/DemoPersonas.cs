namespace Meguro.Learning.Demo;

/// <summary>
/// A demo sign-in: a fixed person in the demo roster with one role each, so that a demo can show
/// every side of the app without looking anyone up.
/// </summary>
/// <param name="Role">The app role name: Learner, Manager, HR, ContentEditor or Administrator.</param>
/// <param name="UserName">The sign-in name.</param>
/// <param name="EmployeeNumber">職員番号, fixed (9000xx) so it never collides with generated staff.</param>
/// <param name="Name">氏名 as in the roster CSV.</param>
/// <param name="Kana">カナ as in the roster CSV.</param>
/// <param name="Email">メールアドレス as in the roster CSV.</param>
/// <param name="OrgUnitCode">所属コード as in the roster CSV.</param>
/// <param name="JobLevel">職層 name as in the roster CSV.</param>
/// <param name="IsUnitHead">True when the persona is the 所属長 of <paramref name="OrgUnitCode"/>.</param>
/// <param name="HiredOn">採用日 as in the roster CSV.</param>
public sealed record DemoPersona(
    string Role,
    string UserName,
    string EmployeeNumber,
    string Name,
    string Kana,
    string Email,
    string OrgUnitCode,
    string JobLevel,
    bool IsUnitHead,
    DateOnly HiredOn);

public static class DemoPersonas
{
    /// <summary>
    /// The password of every demo account. Public on purpose (README): demo accounts exist only in
    /// the embedded default and are never seeded in production.
    /// </summary>
    public const string Password = "Meguro-Demo-2026";

    public static DemoPersona Learner { get; } = new(
        "Learner", "learner", "900001", "目黒　花子", "メグロ　ハナコ", Mail("h.meguro", "900001"),
        DemoOrganization.CodeOf("区民生活部", "戸籍住民課", "住民記録係"), JobLevelNames.Kakariin, IsUnitHead: false, new DateOnly(2019, 4, 1));

    /// <summary>課長 of 戸籍住民課, a 課 with four 係, so the manager views have a real subtree to show.</summary>
    public static DemoPersona Manager { get; } = new(
        "Manager", "manager", "900002", "青木　健一", "アオキ　ケンイチ", Mail("k.aoki", "900002"),
        DemoOrganization.CodeOf("区民生活部", "戸籍住民課"), JobLevelNames.Kacho, IsUnitHead: true, new DateOnly(1995, 4, 1));

    /// <summary>Training staff sit in 総務部 › 人事課 › 研修係.</summary>
    public static DemoPersona Hr { get; } = new(
        "HR", "hr", "900003", "佐々木　由美", "ササキ　ユミ", Mail("y.sasaki", "900003"),
        DemoOrganization.CodeOf("総務部", "人事課", "研修係"), JobLevelNames.Shunin, IsUnitHead: false, new DateOnly(2011, 4, 1));

    public static DemoPersona ContentEditor { get; } = new(
        "ContentEditor", "editor", "900004", "高橋　翔太", "タカハシ　ショウタ", Mail("s.takahashi", "900004"),
        DemoOrganization.CodeOf("企画経営部", "情報政策推進課", "DX推進係"), JobLevelNames.Shunin, IsUnitHead: false, new DateOnly(2014, 10, 1));

    /// <summary>係長 and 所属長 of 情報システム係, which runs the city's systems.</summary>
    public static DemoPersona Administrator { get; } = new(
        "Administrator", "admin", "900005", "林　直樹", "ハヤシ　ナオキ", Mail("n.hayashi", "900005"),
        DemoOrganization.CodeOf("企画経営部", "情報政策推進課", "情報システム係"), JobLevelNames.Kakaricho, IsUnitHead: true, new DateOnly(2003, 4, 1));

    /// <summary>One persona per role, in the order a demo usually walks through them.</summary>
    public static IReadOnlyList<DemoPersona> All { get; } = [Learner, Manager, Hr, ContentEditor, Administrator];

    private static string Mail(string localName, string employeeNumber) =>
        $"{localName}.{employeeNumber}@{DemoRoster.EmailDomain}";
}
