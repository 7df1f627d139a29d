using Microsoft.AspNetCore.Identity;

namespace Meguro.Learning.Data.Identity;

/// <summary>A sign-in account. Staff accounts point at their Employee; a pure administrator account may not.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? EmployeeId { get; set; }
}

/// <summary>The five roles of the product brief. Names are stable identifiers; the UI shows <see cref="JapaneseName"/>.</summary>
public static class Roles
{
    public const string Learner = "Learner";
    public const string Manager = "Manager";
    public const string HR = "HR";
    public const string ContentEditor = "ContentEditor";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Learner, Manager, HR, ContentEditor, Administrator];

    public static string JapaneseName(string role) => role switch
    {
        Learner => "受講者",
        Manager => "所属長",
        HR => "人事・研修担当",
        ContentEditor => "教材作成者",
        Administrator => "システム管理者",
        _ => role,
    };
}
