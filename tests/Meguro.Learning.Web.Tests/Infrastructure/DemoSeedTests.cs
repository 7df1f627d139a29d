using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>The seeded demo, as the browser tests' app has it; and the refusal to seed in production.</summary>
[Collection(Browser.BrowserCollection.Name)]
public sealed class DemoSeedTests(BrowserFixture site)
{
    [Fact]
    public async Task The_demo_has_the_Meguro_organisation_3000_staff_and_one_account_per_role()
    {
        var (departments, sections, teams, staff) = await site.WithDbAsync(async db => (
            await db.OrgUnits.CountAsync(u => u.Kind == Domain.Organization.OrgUnitKind.Department),
            await db.OrgUnits.CountAsync(u => u.Kind == Domain.Organization.OrgUnitKind.Section),
            await db.OrgUnits.CountAsync(u => u.Kind == Domain.Organization.OrgUnitKind.Team),
            await db.Employees.CountAsync(e => e.IsActive)));

        Assert.InRange(departments, 8, 12);
        Assert.InRange(sections, 35, 45);
        Assert.InRange(teams, 110, 130);
        Assert.Equal(DemoRoster.DefaultSize, staff);
        await site.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var persona in DemoPersonas.All)
            {
                var account = await users.FindByNameAsync(persona.UserName);
                Assert.NotNull(account);
                Assert.True(await users.CheckPasswordAsync(account, DemoPersonas.Password));
                Assert.True(await users.IsInRoleAsync(account, persona.Role), $"{persona.UserName} lacks {persona.Role}");
            }
        });
    }

    [Fact]
    public async Task Demo_seeding_is_refused_in_production()
    {
        using var scope = site.Services.CreateScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider, new ProductionEnvironment());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(CancellationToken.None));

        Assert.Contains("本番環境", error.Message, StringComparison.Ordinal);
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Meguro.Learning.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
