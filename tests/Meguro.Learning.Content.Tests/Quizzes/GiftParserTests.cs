using Meguro.Learning.Content.Quizzes;

namespace Meguro.Learning.Content.Tests.Quizzes;

public sealed class GiftParserTests
{
    private const string Label = "content/courses/sample/quiz.gift";

    private static readonly GiftParser Parser = new(QuizMarkdownParserTests.Markdown);

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Quizzes", "Fixtures", name));

    private static QuizParseResult Parse(string text) => Parser.Parse(text, Label);

    private static QuizDefinition Valid(string text)
    {
        var result = Parse(text);
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!;
    }

    private static readonly Lazy<QuizDefinition> AllTypes = new(() => Valid(Fixture("all-types.gift")));

    private static Question Get(string id) => AllTypes.Value.Find(id) ?? throw new InvalidOperationException(id);

    [Fact]
    public void The_fixture_of_every_type_is_read_with_its_settings()
    {
        var quiz = AllTypes.Value;

        Assert.Equal((70, 2, TimeSpan.FromMinutes(15), (int?)8, true),
            (quiz.PassMarkPercent, quiz.AttemptsAllowed, quiz.TimeLimit, quiz.DrawCount, quiz.Shuffle));
        Assert.Equal(15, quiz.Questions.Count);
        Assert.Equal(
            [QuestionType.SingleChoice, QuestionType.MultipleChoice, QuestionType.TrueFalse, QuestionType.ShortText, QuestionType.Numeric, QuestionType.Matching],
            quiz.Questions.Select(q => q.Type).Distinct().Order());
    }

    [Fact]
    public void Multiple_choice_has_per_answer_and_general_feedback_ids_tags_and_category()
    {
        var question = Get("suspicious-mail");

        Assert.Equal(("不審なメール", QuestionType.SingleChoice, 1, "$course$/top/情報セキュリティ"), (question.Title, question.Type, question.Points, question.Category));
        Assert.Equal(["security", "mail"], question.Tags);
        Assert.Equal("心当たりのない添付ファイル付きのメールが届きました。最初にすることは？", question.StemMarkdown);
        Assert.Equal([("1", false, 0m), ("2", true, 100m), ("3", false, 0m)], question.Choices.Select(c => (c.Id, c.IsCorrect, c.Weight)));
        Assert.Equal("開いた時点で感染するおそれがあります。", question.Choices[0].Feedback!.Source);
        Assert.Null(question.Choices[2].Feedback);
        Assert.Equal("<p>心当たりのないメールは、開く前に報告します。</p>", question.FeedbackHtml);
    }

    [Fact]
    public void Weighted_answers_without_an_equals_sign_are_multiple_answers()
    {
        var question = Get("report-targets");

        Assert.Equal((QuestionType.MultipleChoice, 2), (question.Type, question.Points));
        Assert.Equal([(true, 50m), (true, 50m), (false, -100m)], question.Choices.Select(c => (c.IsCorrect, c.Weight)));
        Assert.Equal("業務の情報ではありません。", question.Choices[2].Feedback!.Source);
    }

    [Fact]
    public void True_false_feedback_goes_to_the_wrong_and_the_right_answer()
    {
        var question = Get("share-password");

        Assert.Equal(QuestionType.TrueFalse, question.Type);
        Assert.Equal([("true", false, "上司にも教えません。"), ("false", true, "そのとおりです。")],
            question.Choices.Select(c => (c.Id, c.IsCorrect, c.Feedback?.Source)));
        Assert.Equal("パスワードは誰にも教えません。", question.Feedback!.Source);
        Assert.True(Get("cloud-ok").Choices[0].IsCorrect);
    }

    [Fact]
    public void Short_answers_keep_their_weights_and_feedback()
    {
        var question = Get("mfa");

        Assert.Equal(QuestionType.ShortText, question.Type);
        Assert.Equal([("多要素認証", 100m), ("二要素認証", 100m), ("二段階認証", 50m)], question.AcceptedAnswers.Select(a => (a.Text, a.Weight)));
        Assert.Equal("惜しい。二段階と多要素は別の考え方です。", question.AcceptedAnswers[2].Feedback!.Source);
    }

    [Fact]
    public void Numeric_answers_take_tolerance_ranges_and_weights()
    {
        Assert.Equal([new NumericAnswer(0, 0.5m)], Get("report-days").NumericAnswers);
        Assert.Equal([new NumericAnswer(3, 2)], Get("range").NumericAnswers);
        var pi = Get("pi").NumericAnswers;
        Assert.Equal([(3.14159m, 0.0005m, 100m), (3.14m, 0.005m, 50m)], pi.Select(a => (a.Value, a.Tolerance, a.Weight)));
        Assert.Equal("おおむね正しいです。", pi[1].Feedback!.Source);
    }

    [Fact]
    public void Matching_pairs_are_read()
    {
        var question = Get("three-elements");

        Assert.Equal([new MatchingPair("誤送信", "機密性"), new MatchingPair("書換え", "完全性"), new MatchingPair("システム停止", "可用性")], question.Pairs);
        Assert.Equal("情報セキュリティの三要素です。", question.Feedback!.Source);
    }

    [Fact]
    public void Escapes_become_their_characters_and_a_later_category_applies()
    {
        var question = Get("escapes");

        Assert.Equal("記号: ~ = # { }", question.Title);
        Assert.Equal("式 a = b ~ c の記号 \\ を答える問題\nです。", question.StemMarkdown);
        Assert.Equal("{ と }", question.Choices[0].TextMarkdown);
        Assert.Equal("波かっこ # です", question.Choices[0].Feedback!.Source);
        Assert.Equal("~ だけ", question.Choices[1].TextMarkdown);
        Assert.Equal("$course$/top/書式", question.Category);
    }

    [Fact]
    public void Html_goes_through_the_sanitizer_and_plain_text_is_shown_as_written()
    {
        var html = Get("html-stem");
        Assert.Equal(QuizTextFormat.Html, html.Stem.Format);
        Assert.Equal("<p>次のうち<b>正しい</b>ものは？</p>", html.StemHtml);
        Assert.Equal("<i>報告する</i>", html.Choices[0].TextHtml);
        Assert.DoesNotContain("example.com", html.Choices[1].TextHtml, StringComparison.Ordinal);

        var plain = Get("plain-stem");
        Assert.Equal(QuizTextFormat.Markdown, plain.Stem.Format);
        Assert.Equal("<p>*強調* ではなく記号をそのまま表示する</p>", plain.StemHtml);
        Assert.Equal("<p><strong>太字</strong>の問題文</p>", Get("markdown-stem").StemHtml);
    }

    [Fact]
    public void The_missing_word_form_puts_a_blank_in_the_stem()
    {
        var question = Get("missing-word");

        Assert.Equal(@"区民の情報は\_\_\_\_\_だけ持ち出します。", question.StemMarkdown);
        Assert.Equal("<p>区民の情報は_____だけ持ち出します。</p>", question.StemHtml);
    }

    [Fact]
    public void Without_title_or_id_both_are_derived_stably()
    {
        var question = AllTypes.Value.Questions[^1];

        Assert.Equal("無題の問題です。", question.Title);
        Assert.Equal(GiftParser.DerivedId("無題の問題です。"), question.Id);
        Assert.Matches("^q-[0-9a-f]{10}$", question.Id);
        Assert.Equal("mfa-check", GiftParser.DerivedId("MFA check"));
        var twice = Valid("::Same::A{T}\n\n::Same::B{F}\n");
        Assert.Equal(["same", "same-2"], twice.Questions.Select(q => q.Id));
    }

    [Fact]
    public void Unsupported_constructs_are_reported_with_their_lines()
    {
        var result = Parse(Fixture("unsupported.gift"));

        Assert.Null(result.Definition);
        Assert.Equal(
        [
            (3, "GIFT の記述式（essay）には対応していません。"),
            (5, "GIFT の説明文（答えのない項目）には対応していません。問題には {…} で答えを書いてください。"),
            (7, "1つの問題に答えの {…} が2つ以上あります。GIFT の複数の空欄には対応していません。"),
            (12, "組合せの右側だけの項目（= -> …、ダミーの選択肢）には対応していません。"),
            (15, "数値問題の「それ以外の答え」への解説（~#…）には対応していません。"),
            (17, "GIFT の記述式（essay）には対応していません。"),
        ], result.Issues.Select(i => (i.Line, i.Message)));
        Assert.All(result.Issues, i => Assert.Equal(Label, i.File));
    }

    [Fact]
    public void Weights_that_do_not_add_up_and_bad_answers_are_reported_with_their_lines()
    {
        var result = Parse(Fixture("bad-weights.gift"));

        Assert.Null(result.Definition);
        Assert.Collection(result.Issues,
            i => Assert.Equal((4, true), (i.Line, i.Message.StartsWith("正解の選択肢の重みの合計が100%になっていません（今は 80%）。", StringComparison.Ordinal))),
            i => Assert.Equal((11, true), (i.Line, i.Message.StartsWith("正解（重みが正の選択肢）がありません。", StringComparison.Ordinal))),
            i => Assert.Equal((14, true), (i.Line, i.Message.StartsWith("数値の答え「三十:1」を読み取れません。", StringComparison.Ordinal))),
            i => Assert.Equal((17, "満点（100%）の答えがありません。"), (i.Line, i.Message)),
            i => Assert.Equal((20, "重み「%abc%」を読み取れません。%50% や %-100% のように書きます。"), (i.Line, i.Message)),
            i => Assert.Equal((22, "問題ID「sum-80」が重複しています（3 行目と同じです）。"), (i.Line, i.Message)));
    }

    public static TheoryData<string, int, string> Malformed => new()
    {
        { "::閉じない名前 問題{T}", 1, "問題名の「::」が閉じられていません" },
        { "問題 {=A ~B", 1, "「{」と「}」が対応していません" },
        { "問題 =A ~B}", 1, "「{」と「}」が対応していません" },
        { "{=A ~B}", 1, "問題文がありません" },
        { "問題 {=A ~B}\n\n問題 {~A ~B}", 3, "正解（重みが正の選択肢）がありません" },
        { "問題 {A ~B =C}", 1, "選択肢は「=」（正解）か「~」（誤り）で始めてください" },
        { "問題 {=a -> 1}", 1, "2組以上" },
        { "問題 {=a -> 1 =a -> 2}", 1, "左側「a」が重複" },
        { "問題 {~%150%A ~B}", 1, "重み 150% は使えません" },
        { "問題 {#5..1}", 1, "数値の答え「5..1」を読み取れません" },
        { "// [points:0]\n問題 {T}", 1, "[points:0] の配点は1以上" },
        { "// [pass_mark:abc]\n問題 {T}", 1, "[pass_mark:abc] の値を読み取れません" },
        { "// [pass_mark:120]\n問題 {T}", 1, "pass_mark（合格点）は1〜100" },
        { "// [draw:3]\n問題 {T}", 1, "draw（出題数 3）が問題の数（1）より多く" },
        { "問題 [外部](https://example.com) {T}", 1, "外部へのリンク" },
        { "// only a comment", 0, "問題が1つもありません" },
        { "// [id:lonely]\n\n問題 {T}", 1, "[id:…] の後に問題がありません" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_gift_is_reported_with_its_line(string gift, int line, string message)
    {
        var result = Parse(gift);

        Assert.Null(result.Definition);
        var issue = Assert.Single(result.Issues);
        Assert.True(issue.Line == line && issue.Message.Contains(message, StringComparison.Ordinal), issue.ToString());
    }

    [Fact]
    public void Answers_may_span_lines_and_windows_line_endings_are_read()
    {
        var quiz = Valid("// [id:a]\r\n::A::1行目\r\n2行目{\r\n  =はい\r\n  ~いいえ\r\n}\r\n");

        Assert.Equal("1行目\n2行目", quiz.Questions[0].StemMarkdown);
        Assert.Equal(2, quiz.Questions[0].Choices.Count);
    }
}
