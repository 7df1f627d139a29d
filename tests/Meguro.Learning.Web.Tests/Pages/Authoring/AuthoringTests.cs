using System.IO.Compression;
using System.Net;
using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Authoring;

/// <summary>
/// Course authoring over HTTP on a real database with the shipped courses imported. Each test works
/// on a course of its own, so the tests of one class do not see each other's drafts.
/// </summary>
public abstract class AuthoringTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Stale = "他の人が先に保存しました";

    public static TheoryData<string> GetPaths => new()
    {
        "/authoring",
        "/authoring/new",
        "/authoring/information-security",
        "/authoring/information-security?file=01-why-security.md",
        "/authoring/information-security/publish",
        "/authoring/information-security/media",
        "/authoring/information-security/media/three-layers.svg",
        "/authoring/information-security/versions",
        "/authoring/information-security/versions?from=1&to=1",
        "/authoring/information-security/export",
        "/authoring/information-security/export?source=published",
        "/authoring/information-security/quiz",
        "/authoring/information-security/quiz?handler=gift",
    };

    public static TheoryData<string> PostPaths => new()
    {
        "/authoring/new",
        "/authoring/information-security?handler=save",
        "/authoring/information-security?handler=preview",
        "/authoring/information-security?handler=previewfragment",
        "/authoring/information-security?handler=addlesson",
        "/authoring/information-security?handler=deletelesson",
        "/authoring/information-security/publish",
        "/authoring/information-security/media?handler=upload",
        "/authoring/information-security/media?handler=delete",
        "/authoring/information-security/versions?handler=restore",
        "/authoring/information-security/quiz?handler=upload",
        "/authoring/information-security/quiz?handler=remove",
    };

    [Theory]
    [MemberData(nameof(GetPaths))]
    public async Task Learner_gets_403_on_every_authoring_page(string path)
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PostPaths))]
    public async Task Learner_gets_403_on_every_authoring_handler_and_nothing_changes(string path)
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);
        var token = await AppFixture.GetAntiforgeryTokenAsync(client, "/account/password");

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Slug"] = "hacked",
            ["Title"] = "x",
            ["Text"] = "x",
            ["Revision"] = "0",
            ["Number"] = "1",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == "hacked" || d.Slug == "information-security")));
    }

    [Fact]
    public async Task Editor_creates_a_course_previews_saves_and_publishes_it_and_learners_see_it()
    {
        using var editor = await app.RunAsUserAsync(Roles.Learner, Roles.ContentEditor);

        var created = await AppFixture.PostFormAsync(editor, "/authoring/new", new Dictionary<string, string> { ["Slug"] = "cloud-basics", ["Title"] = "クラウドの基本" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/authoring/cloud-basics", created.Headers.Location!.OriginalString);
        var page = await editor.GetStringAsync("/authoring/cloud-basics?file=01-introduction.md");
        Assert.Contains("<textarea id=\"text\" name=\"Text\"", page, StringComparison.Ordinal);
        Assert.Contains("01-introduction.md", page, StringComparison.Ordinal);

        const string lesson = "---\ntitle: はじめに\nminutes: 5\n---\n## クラウドとは\n\n**クラウド**は共有の計算資源です。\n";
        var preview = await PostAsync(editor, "/authoring/cloud-basics?file=01-introduction.md", "/authoring/cloud-basics?handler=previewfragment",
            new() { ["file"] = "01-introduction.md", ["Text"] = lesson, ["Revision"] = "1" });
        var fragment = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<strong>クラウド</strong>は共有の計算資源です。", fragment, StringComparison.Ordinal);
        Assert.Contains("問題は見つかりませんでした", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);

        var noJsPreview = await PostAsync(editor, "/authoring/cloud-basics?file=01-introduction.md", "/authoring/cloud-basics?handler=preview",
            new() { ["file"] = "01-introduction.md", ["Text"] = lesson, ["Revision"] = "1" });
        Assert.Contains("<strong>クラウド</strong>", await noJsPreview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await RevisionAsync("cloud-basics"));

        var saved = await SaveAsync(editor, "cloud-basics", "01-introduction.md", lesson, 1);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await RevisionAsync("cloud-basics"));

        var check = await editor.GetStringAsync("/authoring/cloud-basics/publish");
        Assert.Contains("公開できます", check, StringComparison.Ordinal);
        var published = await AppFixture.PostFormAsync(editor, "/authoring/cloud-basics/publish", new Dictionary<string, string> { ["Revision"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var course = await app.WithDbAsync(db => db.Courses.Include(c => c.Versions).SingleAsync(c => c.Slug == "cloud-basics"));
        Assert.Equal(1, course.PublishedVersionNumber);
        Assert.Equal(CourseOrigin.Editor, course.Versions.Single().Origin);
        Assert.False(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == "cloud-basics")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Target == "cloud-basics" && a.Action == "コース公開")));

        using var learner = await app.RunAsUserAsync(Roles.Learner);
        Assert.Contains("クラウドの基本", await learner.GetStringAsync("/courses/cloud-basics"), StringComparison.Ordinal);
        Assert.Contains("<strong>クラウド</strong>は共有の計算資源です。", await learner.GetStringAsync("/courses/cloud-basics/lessons/introduction"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_edited_course_makes_version_N_plus_1_that_learners_see_and_the_same_content_makes_none()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "service-design";
        const string file = "02-user-research.md";
        var before = await PublishedNumberAsync(slug);
        var text = await FileTextAsync(slug, file) + "\n編集者が追記した新しい段落です。\n";

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(editor, slug, file, text, 0)).StatusCode);
        var published = await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/publish", new Dictionary<string, string> { ["Revision"] = "2" });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(before + 1, await PublishedNumberAsync(slug));
        using var learner = await app.RunAsUserAsync(Roles.Learner);
        Assert.Contains("編集者が追記した新しい段落です。", await learner.GetStringAsync($"/courses/{slug}/lessons/user-research"), StringComparison.Ordinal);

        // Saving the same text again and publishing it makes no version.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(editor, slug, file, text, 0)).StatusCode);
        var again = await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/publish", new Dictionary<string, string> { ["Revision"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("変更がないため、新しい版は作成されませんでした。", await editor.GetStringAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(before + 1, await PublishedNumberAsync(slug));
    }

    [Fact]
    public async Task A_stale_save_is_refused_shows_the_authors_text_back_and_changes_nothing()
    {
        using var first = await app.RunAsUserAsync(Roles.ContentEditor);
        using var second = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "digital-inclusion";
        const string file = "01-leave-no-one-behind.md";
        var original = await FileTextAsync(slug, file);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(first, slug, file, original + "\n最初の人の変更。\n", 0)).StatusCode);
        var refused = await SaveAsync(second, slug, file, original + "\n二人目の変更。\n", 0);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(Stale, body, StringComparison.Ordinal);
        Assert.Contains("二人目の変更。", body, StringComparison.Ordinal);
        Assert.Contains("最初の人の変更。", body, StringComparison.Ordinal);
        Assert.Equal(2, await RevisionAsync(slug));
        Assert.Contains("最初の人の変更。", await DraftTextAsync(slug, file), StringComparison.Ordinal);
        Assert.DoesNotContain("二人目の変更。", await DraftTextAsync(slug, file), StringComparison.Ordinal);

        var older = await SaveAsync(second, slug, file, "古い版からの保存", 1);
        Assert.Equal(HttpStatusCode.Conflict, older.StatusCode);
        Assert.Equal(2, await RevisionAsync(slug));
    }

    [Fact]
    public async Task A_malformed_draft_is_not_published_and_its_problems_are_listed_with_file_and_line()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "personal-information";
        const string file = "03-safety-measures.md";
        var before = await PublishedNumberAsync(slug);
        var broken = "---\ntitle: 安全管理措置\n---\n本文\n\n[外部](https://example.com/)\n";

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(editor, slug, file, broken, 0)).StatusCode);
        var check = await editor.GetStringAsync($"/authoring/{slug}/publish");
        var response = await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/publish", new Dictionary<string, string> { ["Revision"] = "2" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("外部へのリンク", check, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("公開しませんでした", body, StringComparison.Ordinal);
        Assert.Contains(file, body, StringComparison.Ordinal);
        Assert.Matches("<td class=\"num\">6</td>\\s*<td>外部へのリンク", body);
        Assert.Equal(before, await PublishedNumberAsync(slug));
        Assert.True(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == slug)));
    }

    [Fact]
    public async Task Media_uploads_over_the_limit_of_a_bad_type_or_SVG_with_script_are_refused_and_a_good_one_shows_in_the_preview()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "business-improvement";
        var page = $"/authoring/{slug}/media";
        var upload = $"/authoring/{slug}/media?handler=upload";
        var tooBig = new byte[CourseParser.MaxMediaBytes + 1];
        new byte[] { 0x89, 0x50, 0x4E, 0x47 }.CopyTo(tooBig, 0);

        var big = await AppFixture.PostFileAsync(editor, page, upload, new Dictionary<string, string>(), "Upload", "huge.png", tooBig);
        var exe = await AppFixture.PostFileAsync(editor, page, upload, new Dictionary<string, string>(), "Upload", "tool.exe", "MZ"u8.ToArray());
        var script = await AppFixture.PostFileAsync(editor, page, upload, new Dictionary<string, string>(), "Upload", "bad.svg",
            Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));

        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("ファイルが大きすぎます", await big.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("media/ に置けるのは", await exe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Contains("SVG に &lt;script&gt; は使えません。", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.CourseDrafts.AnyAsync(d => d.Slug == slug)));

        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>");
        var good = await AppFixture.PostFileAsync(editor, page, upload, new Dictionary<string, string>(), "Upload", "box.svg", svg);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.CourseDraftMedia.AnyAsync(m => m.Draft.Slug == slug && m.FileName == "box.svg")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Target == slug && a.Action == "教材の画像など追加")));

        var served = await editor.GetAsync($"/authoring/{slug}/media/box.svg");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var revision = await RevisionAsync(slug);
        var preview = await PostAsync(editor, $"/authoring/{slug}", $"/authoring/{slug}?handler=previewfragment",
            new() { ["file"] = "01-improvement-mindset.md", ["Text"] = "---\ntitle: t\n---\n![四角い図](media/box.svg)\n", ["Revision"] = revision.ToString() });
        Assert.Contains($"src=\"/authoring/{slug}/media/box.svg\"", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deleted = await PostAsync(editor, page, $"/authoring/{slug}/media?handler=delete", new() { ["name"] = "box.svg" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CourseDraftMedia.AnyAsync(m => m.Draft.Slug == slug && m.FileName == "box.svg")));
        Assert.True(await app.WithDbAsync(db => db.CourseDraftMedia.AnyAsync(m => m.Draft.Slug == slug && m.FileName == "swimlane.svg")));
    }

    [Fact]
    public async Task Export_zip_has_the_content_folder_layout()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);

        var response = await editor.GetAsync("/authoring/data-literacy/export?source=published");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("data-literacy/course.md", names);
        Assert.Contains("data-literacy/01-reading-data.md", names);
        Assert.Contains("data-literacy/quiz.md", names);
        Assert.Contains("data-literacy/media/tidy-table.svg", names);
        Assert.All(names, n => Assert.StartsWith("data-literacy/", n, StringComparison.Ordinal));
        var original = await File.ReadAllTextAsync(Path.Combine(EnglishResourceTests.RepositoryRoot(), "content", "courses", "data-literacy", "01-reading-data.md"));
        using var reader = new StreamReader(zip.GetEntry("data-literacy/01-reading-data.md")!.Open());
        Assert.Equal(original.Replace("\r\n", "\n", StringComparison.Ordinal), await reader.ReadToEndAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/authoring/data-literacy/export?source=draft")).StatusCode);
    }

    [Fact]
    public async Task Diff_shows_the_changed_line_and_restore_then_publish_brings_back_the_old_content_as_a_new_version()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "generative-ai";
        const string file = "01-what-is-generative-ai.md";
        var first = await PublishedNumberAsync(slug);
        var original = await FileTextAsync(slug, file);
        const string oldLine = "## 検索との違い";
        Assert.Contains(oldLine, original, StringComparison.Ordinal);

        await SaveAsync(editor, slug, file, original.Replace(oldLine, "## 検索エンジンとの違い", StringComparison.Ordinal), 0);
        await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/publish", new Dictionary<string, string> { ["Revision"] = "2" });
        var second = await PublishedNumberAsync(slug);
        Assert.Equal(first + 1, second);

        var diff = await editor.GetStringAsync($"/authoring/{slug}/versions?from={first}&to={second}");
        Assert.Contains($"<del>{oldLine}</del>", diff, StringComparison.Ordinal);
        Assert.Contains("<ins>## 検索エンジンとの違い</ins>", diff, StringComparison.Ordinal);
        Assert.Contains("＋ 追加", diff, StringComparison.Ordinal);
        Assert.Contains("− 削除", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("02-good-uses.md（", diff, StringComparison.Ordinal);

        // An unpublished change in the draft needs a confirmation before a restore overwrites it.
        await SaveAsync(editor, slug, file, "---\ntitle: 下書きの作業\n---\n作業中\n", 0);
        var refused = await PostAsync(editor, $"/authoring/{slug}/versions", $"/authoring/{slug}/versions?handler=restore", new() { ["Number"] = first.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("作業中", await DraftTextAsync(slug, file), StringComparison.Ordinal);

        var restored = await PostAsync(editor, $"/authoring/{slug}/versions", $"/authoring/{slug}/versions?handler=restore",
            new() { ["Number"] = first.ToString(), ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Target == slug && a.Action == "コースの版を下書きに復元")));
        var revision = await RevisionAsync(slug);
        var published = await AppFixture.PostFormAsync(editor, $"/authoring/{slug}/publish", new Dictionary<string, string> { ["Revision"] = revision.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var third = await PublishedNumberAsync(slug);
        Assert.Equal(second + 1, third);
        var hashes = await app.WithDbAsync(db => db.CourseVersions.Where(v => v.Course.Slug == slug).ToDictionaryAsync(v => v.Number, v => v.ContentHash));
        Assert.Equal(hashes[first], hashes[third]);
        Assert.NotEqual(hashes[first], hashes[second]);
    }

    [Fact]
    public async Task Adding_and_deleting_a_lesson_numbers_it_after_the_last_one()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);
        const string slug = "meguro-dx-basics";
        var count = await app.WithDbAsync(db => db.CourseVersionFiles.CountAsync(f => f.CourseVersion.Course.Slug == slug
            && f.CourseVersion.Number == f.CourseVersion.Course.PublishedVersionNumber && f.Path != "course.md" && f.Path != "quiz.md"));
        var expected = $"{count + 1:00}-extra-notes.md";

        var added = await PostAsync(editor, $"/authoring/{slug}", $"/authoring/{slug}?handler=addlesson",
            new() { ["Revision"] = "0", ["NewLessonSlug"] = "extra-notes", ["NewLessonTitle"] = "補足" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.NotNull(await DraftTextAsync(slug, expected));

        var bad = await PostAsync(editor, $"/authoring/{slug}", $"/authoring/{slug}?handler=addlesson",
            new() { ["Revision"] = (await RevisionAsync(slug)).ToString(), ["NewLessonSlug"] = "Bad Slug" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var deleted = await PostAsync(editor, $"/authoring/{slug}", $"/authoring/{slug}?handler=deletelesson",
            new() { ["Revision"] = (await RevisionAsync(slug)).ToString(), ["lesson"] = expected });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await DraftTextAsync(slug, expected));
    }

    [Fact]
    public async Task A_new_course_needs_a_valid_unused_slug()
    {
        using var editor = await app.RunAsUserAsync(Roles.ContentEditor);

        var invalid = await AppFixture.PostFormAsync(editor, "/authoring/new", new Dictionary<string, string> { ["Slug"] = "Bad Slug", ["Title"] = "x" });
        var taken = await AppFixture.PostFormAsync(editor, "/authoring/new", new Dictionary<string, string> { ["Slug"] = "information-security", ["Title"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("英小文字・数字・ハイフン", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("既にあります", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string url, Dictionary<string, string> fields) =>
        AppFixture.PostFormAsync(client, formPage, url, fields);

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string slug, string file, string text, int revision) =>
        PostAsync(client, $"/authoring/{slug}?file={file}", $"/authoring/{slug}?handler=save",
            new() { ["file"] = file, ["Text"] = text, ["Revision"] = revision.ToString() });

    private Task<int> RevisionAsync(string slug) =>
        app.WithDbAsync(db => db.CourseDrafts.Where(d => d.Slug == slug).Select(d => d.Revision).SingleAsync());

    private Task<int> PublishedNumberAsync(string slug) =>
        app.WithDbAsync(db => db.Courses.Where(c => c.Slug == slug).Select(c => c.PublishedVersionNumber ?? 0).SingleAsync());

    private Task<string?> DraftTextAsync(string slug, string path) =>
        app.WithDbAsync(db => db.CourseDraftFiles.Where(f => f.Draft.Slug == slug && f.Path == path).Select(f => f.Text).SingleOrDefaultAsync());

    private Task<string> FileTextAsync(string slug, string path) =>
        app.WithDbAsync(db => db.CourseVersionFiles
            .Where(f => f.CourseVersion.Course.Slug == slug && f.CourseVersion.Number == f.CourseVersion.Course.PublishedVersionNumber && f.Path == path)
            .Select(f => f.Text).SingleAsync());
}

public sealed class AuthoringTestsOnSqlite(SqliteApp app) : AuthoringTests<SqliteApp>(app);

public sealed class AuthoringTestsOnPostgres(PostgresApp app) : AuthoringTests<PostgresApp>(app);
