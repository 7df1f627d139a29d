using System.Globalization;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>HR assigns a curriculum in the browser; the learner finds the course on マイ学習 with its due date.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CurriculumBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task HR_assigns_a_curriculum_and_the_learner_sees_the_course_with_its_due_date()
    {
        var code = "browser-" + Guid.NewGuid().ToString("N")[..6];
        var yaml = $"""
            id: {code}
            name: 住民記録係の業務改善研修
            description: ブラウザから割り当てるテスト用のカリキュラムです。
            courses:
              - course: business-improvement
            rule:
              orgUnits: [{DemoPersonas.Learner.OrgUnitCode}]
            due:
              daysAfterAssignment: 30
            """;
        await using (var hr = await site.SignInAsync(DemoPersonas.Hr))
        {
            var page = hr.Page;
            await page.GotoAsync("/hr/curricula/new");
            await page.GetByLabel("カリキュラムの定義（YAML）").FillAsync(yaml);
            await page.GetByRole(AriaRole.Button, new() { Name = "対象者をプレビュー" }).ClickAsync();
            await Assertions.Expect(page.GetByText(DemoPersonas.Learner.Name).First).ToBeVisibleAsync();
            await AccessibilityTests.AssertNoViolationsAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "保存して割り当てる" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var path in new[] { "/hr/curricula", $"/hr/curricula/{code}", "/hr/assignments", "/hr/exemptions", $"/hr/exemptions?number={DemoPersonas.Learner.EmployeeNumber}", "/hr/leave" })
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Status == 200, $"{path}: {response.Status}");
                await AccessibilityTests.AssertNoViolationsAsync(page);
            }
            Assert.Empty(hr.ForeignRequests());
        }

        await using var learner = await site.SignInAsync(DemoPersonas.Learner);
        await learner.Page.GotoAsync("/my");
        var due = Jst.Today(TimeProvider.System).AddDays(30).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var row = learner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "業務改善とデジタルツール" });
        await Assertions.Expect(row).ToContainTextAsync($"期限 {due}");
    }
}
