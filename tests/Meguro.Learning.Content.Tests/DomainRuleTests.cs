using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;

namespace Meguro.Learning.Content.Tests;

public sealed class DomainRuleTests
{
    private static CourseVersion Version(string[] jobLevels, string[] roles) =>
        new Course("sample", DateTime.UtcNow).AddVersion(
            new CourseVersionContent(new string('a', 64), "題", "", "", jobLevels, roles, 10, true, false, "", "", "", ""),
            CourseOrigin.Import, "テスト", DateTime.UtcNow);

    [Fact]
    public void An_empty_audience_is_everyone()
    {
        Assert.True(Version([], []).IsVisibleTo("kakariin", []));
        Assert.True(Version([], []).IsVisibleTo(null, []));
    }

    [Fact]
    public void A_listed_job_level_or_any_listed_role_sees_the_course()
    {
        var version = Version(["kacho", "bucho"], ["HR"]);

        Assert.True(version.IsVisibleTo("kacho", ["Learner"]));
        Assert.True(version.IsVisibleTo("kakariin", ["Learner", "HR"]));
        Assert.False(version.IsVisibleTo("kakariin", ["Learner"]));
        Assert.False(version.IsVisibleTo(null, []));
    }

    [Fact]
    public void Versions_are_numbered_in_order_and_publishing_switches_what_learners_see()
    {
        var course = new Course("sample", DateTime.UtcNow);
        var content = new CourseVersionContent(new string('a', 64), "題", "", "", [], [], 10, true, false, "", "", "", "");
        var first = course.AddVersion(content, CourseOrigin.Import, "テスト", DateTime.UtcNow);
        course.Publish(first);
        var second = course.AddVersion(content with { ContentHash = new string('b', 64) }, CourseOrigin.Editor, "テスト", DateTime.UtcNow);

        Assert.Equal((1, 2), (first.Number, second.Number));
        Assert.Equal(1, course.PublishedVersionNumber);
        course.Publish(second);
        Assert.Equal(2, course.PublishedVersionNumber);
        Assert.Throws<DomainException>(() => new Course("other", DateTime.UtcNow).Publish(first));
    }

    [Theory]
    [InlineData("Information-Security")]
    [InlineData("情報セキュリティ")]
    [InlineData("a_b")]
    [InlineData("-a")]
    public void Course_slugs_are_lower_case_ascii_with_hyphens(string slug) =>
        Assert.Throws<DomainException>(() => new Course(slug, DateTime.UtcNow));

    [Theory]
    [InlineData("ｾｷｭﾘﾃｨ", "せきゅりてぃ")]
    [InlineData("セキュリティ", "せきゅりてぃ")]
    [InlineData("ＡＩの　利用", "aiの 利用")]
    [InlineData("データ・アクセス", "でーた・あくせす")]
    public void Search_text_is_folded_the_same_way_for_text_and_query(string text, string expected) =>
        Assert.Equal(expected, CourseSearch.Normalize(text));
}
