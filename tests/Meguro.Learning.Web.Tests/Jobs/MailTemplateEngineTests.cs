using Meguro.Learning.Jobs.Mail;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>The template engine alone: what HR's save is checked against and what the reminder job gets.</summary>
public sealed class MailTemplateEngineTests
{
    private readonly MailTemplateEngine _engine = new();

    private static LearnerReminderModel Learner(int daysLeft) => new(
        new MailPerson("目黒 花子"), new MailCourse("情報セキュリティ研修", "http://learning.local/courses/security"),
        MailTemplateEngine.FormatDate(new DateOnly(2027, 3, 31)), daysLeft, daysLeft < 0 ? "期限超過" : "3日前", new MailSite("http://learning.local"));

    [Fact]
    public void The_shipped_templates_are_valid_and_render_the_learner_reminder_in_Japanese()
    {
        foreach (var definition in MailTemplateDefaults.All)
        {
            Assert.True(_engine.Validate(definition.Key, definition.Subject, definition.Body, out var errors), string.Join("\n", errors));
        }
        var d = MailTemplateDefaults.LearnerReminder;
        var mail = _engine.RenderUnsaved(d.Subject, d.Body, Learner(3));
        Assert.Equal("【職員デジタル研修】受講期限のお知らせ（3日前）：情報セキュリティ研修", mail.Subject);
        Assert.Contains("目黒 花子 様", mail.Body, StringComparison.Ordinal);
        Assert.Contains("2027年3月31日", mail.Body, StringComparison.Ordinal);
        Assert.Contains("あと 3 日", mail.Body, StringComparison.Ordinal);
        Assert.Contains("http://learning.local/courses/security", mail.Body, StringComparison.Ordinal);

        var overdue = _engine.RenderUnsaved(d.Subject, d.Body, Learner(-5));
        Assert.Contains("5 日過ぎています", overdue.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manager_digest_lists_every_item()
    {
        var d = MailTemplateDefaults.ManagerDigest;
        var model = new ManagerDigestModel(new MailPerson("青木 健一"), 1,
            [new DigestItem("目黒 花子", "住民記録係", "情報セキュリティ研修", "2027年3月31日", 4),
             new DigestItem("目黒 太郎", "住民記録係", "DX入門", "2027年3月1日", 34)],
            new MailSite("http://learning.local"));
        var mail = _engine.RenderUnsaved(d.Subject, d.Body, model);
        Assert.Contains("（2件）", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("・目黒 花子（住民記録係）情報セキュリティ研修　期限 2027年3月31日（4日超過）", mail.Body, StringComparison.Ordinal);
        Assert.Contains("目黒 太郎", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dictionary_model_with_snake_case_keys_renders_too()
    {
        var model = new Dictionary<string, object>
        {
            ["learner"] = new Dictionary<string, object> { ["name"] = "目黒 花子" },
            ["days_left"] = 14,
        };
        var mail = _engine.RenderUnsaved("{{ learner.name }}", "あと{{ days_left }}日", model);
        Assert.Equal("目黒 花子", mail.Subject);
        Assert.Equal("あと14日\n", mail.Body);
    }

    [Fact]
    public void Plain_text_is_not_HTML_encoded()
    {
        var model = new Dictionary<string, object> { ["course"] = new Dictionary<string, object> { ["title"] = "Excel & <関数> \"入門\"" } };
        Assert.Equal("Excel & <関数> \"入門\"\n", _engine.RenderUnsaved("s", "{{ course.title }}", model).Body);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line()
    {
        var valid = _engine.Validate(MailTemplateKeys.LearnerReminder, "件名", "1行目\n2行目\n{% if days_left > 0 %}\nあと", out var errors);
        Assert.False(valid);
        var error = Assert.Single(errors);
        Assert.StartsWith("本文", error, StringComparison.Ordinal);
        Assert.Matches(@"本文 \d+行目", error);
    }

    [Fact]
    public void An_unclosed_output_on_line_two_names_line_two()
    {
        Assert.False(_engine.Validate(MailTemplateKeys.LearnerReminder, "件名", "こんにちは\n{{ learner.name \n", out var errors));
        Assert.Contains("本文 2行目", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_filters_and_variables_are_refused_at_save()
    {
        Assert.False(_engine.Validate(MailTemplateKeys.LearnerReminder, "{{ course.title | shout }}", "こんにちは\n{{ employee.name }}", out var errors));
        Assert.Contains(errors, e => e.Contains("件名 1行目", StringComparison.Ordinal) && e.Contains("shout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("本文 2行目", StringComparison.Ordinal) && e.Contains("employee", StringComparison.Ordinal));
    }

    [Fact]
    public void Loop_variables_are_known_inside_their_loop()
    {
        Assert.True(_engine.Validate(MailTemplateKeys.ManagerDigest, "件名",
            "{% for item in items %}{{ forloop.index }} {{ item.name | upcase }}{% endfor %}{% assign n = items | size %}{{ n }}", out var errors),
            string.Join("\n", errors));
    }

    [Fact]
    public void A_cached_template_is_replaced_when_the_revision_changes()
    {
        var model = Learner(1);
        Assert.Equal("A\n", _engine.Render("k", 1, "s", "A", model).Body);
        Assert.Equal("A\n", _engine.Render("k", 1, "s", "B", model).Body);
        Assert.Equal("B\n", _engine.Render("k", 2, "s", "B", model).Body);
    }
}
