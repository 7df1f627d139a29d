using System.Text;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Pages.Hr.Roster;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>Bound from the <c>Demo</c> section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo organisation, ~3,000 staff and one account per role into an empty database.</summary>
    public bool Seed { get; set; }
}

/// <summary>
/// Fills an empty database with the demo organisation and staff — through the same uploads and
/// imports HR uses, so the demo also exercises them — and turns the five personas into sign-ins
/// (learner, manager, hr, editor, admin). Refuses to run in Production: demo accounts with a
/// published password must never exist there.
/// </summary>
public sealed class DemoSeeder(
    LearningDbContext db,
    ImportRunner imports,
    UserManager<AppUser> users,
    IHostEnvironment environment,
    ILogger<DemoSeeder> log)
{
    public const string Actor = "デモデータ投入";

    /// <returns>True when the demo was seeded now; false when the database already had staff.</returns>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Demo:Seed は本番環境（Production）では使えません。デモ用アカウントはパスワードが公開されているためです。設定から Demo:Seed を外してください。");
        }
        if (await db.Employees.AnyAsync(ct))
        {
            // Never touch a database that already has staff, demo or real.
            return false;
        }
        log.LogInformation("デモデータ（組織と職員 {Count} 名）を投入しています…", DemoRoster.DefaultSize);
        await ImportAsync(ImportKind.Organization, "demo-organization.csv", DemoOrganization.ToCsv(), ct);
        await ImportAsync(ImportKind.Roster, "demo-roster.csv", DemoRoster.ToCsv(), ct);

        foreach (var persona in DemoPersonas.All)
        {
            var account = await users.FindByNameAsync(persona.EmployeeNumber)
                ?? throw new InvalidOperationException($"デモ職員 {persona.EmployeeNumber} のアカウントが作成されていません。");
            Ensure(await users.SetUserNameAsync(account, persona.UserName));
            Ensure(await users.AddPasswordAsync(account, DemoPersonas.Password));
            if (persona.Role is not (Roles.Learner or Roles.Manager) && !await users.IsInRoleAsync(account, persona.Role))
            {
                Ensure(await users.AddToRoleAsync(account, persona.Role));
            }
        }
        return true;
    }

    private async Task ImportAsync(ImportKind kind, string fileName, string csv, CancellationToken ct)
    {
        var (batch, preview) = await imports.UploadAsync(kind, fileName, Encoding.UTF8.GetBytes(csv), CsvEncoding.Utf8, Actor, ct);
        var outcome = preview.IsValid ? await imports.ApplyAsync(batch, Actor, ct) : preview;
        if (!outcome.IsValid)
        {
            throw new InvalidOperationException($"デモデータ {fileName} を取り込めません: " +
                string.Join(" / ", outcome.Errors.Take(5).Select(e => $"{e.Line}行目 {e.Message}")));
        }
        log.LogInformation("{File}: {Summary}", fileName, outcome.Summary);
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
