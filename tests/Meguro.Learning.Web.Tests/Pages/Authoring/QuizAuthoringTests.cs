using System.Net;
using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Pages.Authoring;

/// <summary>The quiz in the authoring UI: GIFT upload (refused whole with line numbers when wrong), export, removal.</summary>
public abstract class QuizAuthoringTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string GoodGift = """
        // 目黒区 情報セキュリティ（Moodle から書き出し）
        $CATEGORY: $course$/セキュリティ

        ::系の数::区のネットワークはいくつの系に分けられていますか。{
        	~一つ#分けられています。
        	=三つ#そのとおりです。
        	~五つ
        	####三層の対策と呼びます。
        }

        ::パスワード::上司にならパスワードを教えてよい。{FALSE#上司にも教えません。}

        ::用語::承認されていないサービスを業務で使うことを何と呼びますか。{=シャドーIT =シャドウIT}

        ::時間::何時間以内に報告しますか。{#1:0.5}

        ::組み合わせ::組み合わせてください。{
        	=機密性 -> 漏らさない
        	=可用性 -> 使える
        	=完全性 -> 正しい
        }
        """;

    private const string BadGift = """
        ::よい問題::区の系はいくつ？{=三つ ~一つ}

        ::記述::改善案を書いてください。{}

        ::数値::何日ですか。{#三十}
        """;

    [Fact]
    public async Task A_GIFT_upload_becomes_the_draft_quiz_and_replaces_quiz_md()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);

        var response = await UploadAsync(editor, slug, "security.gift", GoodGift);
        var page = await editor.GetStringAsync($"/authoring/{slug}/quiz");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("quiz.gift を取り込みました（5 問）", page, StringComparison.Ordinal);
        var files = await app.WithDbAsync(db => db.CourseDrafts.Where(d => d.Slug == slug).SelectMany(d => d.Files).Select(f => f.Path).ToListAsync());
        Assert.Contains("quiz.gift", files);
        Assert.DoesNotContain("quiz.md", files);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "クイズの取込み" && a.Target == slug)));
    }

    [Fact]
    public async Task A_GIFT_file_with_unsupported_or_malformed_questions_is_refused_with_their_lines_and_changes_nothing()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);

        var response = await UploadAsync(editor, slug, "bad.gift", BadGift);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("何も変更していません", body, StringComparison.Ordinal);
        Assert.Contains("bad.gift:3:", body, StringComparison.Ordinal);
        Assert.Contains("bad.gift:5:", body, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == slug)));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_or_not_a_quiz_is_refused_with_a_Japanese_message()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var shiftJis = await UploadAsync(editor, slug, "sjis.gift", GoodGift, Encoding.GetEncoding(932));
        var pdf = await UploadAsync(editor, slug, "quiz.pdf", GoodGift);

        Assert.Equal(HttpStatusCode.BadRequest, shiftJis.StatusCode);
        Assert.Contains("UTF-8", WebUtility.HtmlDecode(await shiftJis.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("取り込めるのは GIFT 形式", WebUtility.HtmlDecode(await pdf.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == slug)));
    }

    [Fact]
    public async Task The_published_quiz_exports_as_GIFT_that_parses_back_to_the_same_questions()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        QuizDefinition? published = null;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Data.LearningDbContext>();
            var versionId = await db.CourseVersions.Where(v => v.Course.Slug == "information-security" && v.Number == v.Course.PublishedVersionNumber).Select(v => v.Id).SingleAsync();
            published = await sp.GetRequiredService<QuizCatalog>().ForVersionAsync(db, versionId, default);
        });

        var response = await editor.GetAsync("/authoring/information-security/quiz?handler=gift");
        var gift = await response.Content.ReadAsStringAsync();
        var back = new GiftParser(app.Services.GetRequiredService<CourseMarkdown>()).Parse(gift, "export.gift");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("information-security-quiz.gift", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(back.IsValid, string.Join("\n", back.Issues));
        Assert.Equal(published!.Questions.Select(q => (q.Id, q.Type, q.Points)), back.Definition!.Questions.Select(q => (q.Id, q.Type, q.Points)));
        Assert.Equal(
            published.Questions.Select(q => string.Join(",", q.Choices.Where(c => c.IsCorrect).Select(c => c.Id))),
            back.Definition.Questions.Select(q => string.Join(",", q.Choices.Where(c => c.IsCorrect).Select(c => c.Id))));
    }

    [Fact]
    public async Task Removing_the_quiz_leaves_a_draft_without_one()
    {
        var slug = await new QuizCourseBuilder().PublishAsync(app);
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);

        var response = await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/quiz", $"/authoring/{slug}/quiz?handler=remove",
            new Dictionary<string, string> { ["Revision"] = "0" });
        var page = await editor.GetStringAsync($"/authoring/{slug}/quiz");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("このコースにはクイズがありません", page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string slug, string fileName, string text, Encoding? encoding = null)
    {
        var token = await AppFixture.GetAntiforgeryTokenAsync(client, $"/authoring/{slug}/quiz");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("0"), "Revision" },
            { new ByteArrayContent((encoding ?? new UTF8Encoding(false)).GetBytes(text)), "Upload", fileName },
        };
        return await client.PostAsync($"/authoring/{slug}/quiz?handler=upload", content);
    }
}

public sealed class QuizAuthoringTestsOnSqlite(SqliteApp app) : QuizAuthoringTests<SqliteApp>(app);

public sealed class QuizAuthoringTestsOnPostgres(PostgresApp app) : QuizAuthoringTests<PostgresApp>(app);
