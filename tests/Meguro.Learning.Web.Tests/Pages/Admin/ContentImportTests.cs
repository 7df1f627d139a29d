using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Admin;

public sealed class ContentImportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_administrator_reimports_content_and_unchanged_courses_create_nothing()
    {
        using var admin = await app.RunAsUserAsync(Roles.Administrator);
        var versionsBefore = await app.WithDbAsync(db => db.CourseVersions.CountAsync());

        var response = await AppFixture.PostFormAsync(admin, "/admin/content", new Dictionary<string, string>());
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("<td>information-security</td>", page, StringComparison.Ordinal);
        Assert.Contains("変更なし", page, StringComparison.Ordinal);
        Assert.DoesNotContain("新しい版を公開", page, StringComparison.Ordinal);
        Assert.Equal(versionsBefore, await app.WithDbAsync(db => db.CourseVersions.CountAsync()));
    }
}
