using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Content.Tests.Infrastructure;

namespace Meguro.Learning.Content.Tests.Quizzes;

public sealed class QuizMarkdownParserTests
{
    private const string Label = "content/courses/sample/quiz.md";

    internal static readonly CourseMarkdown Markdown = new();

    private static readonly QuizMarkdownParser Parser = new(Markdown);

    internal const string FrontMatter = """
        ---
        pass_mark: 70
        attempts: 3
        time_limit_minutes: 20
        draw: 2
        shuffle: true
        ---

        """;

    private const string Single = """
        ## 不審なメールへの最初の対応 {#suspicious-mail-first type=single}

        添付ファイル付きの、**心当たりのない**メールが届きました。最も適切なものはどれですか。

        - [ ] 添付ファイルを開いて確かめる
          > 開いた時点で感染するおそれがあります。
        - [x] 開かずに、区の手順に従って報告する
          > そのとおりです。
        - [ ] 送信者に返信して尋ねる

        > **解説** 心当たりのないメールは、開く・返信するの前に報告します。

        """;

    private static QuizParseResult Parse(string body, string frontMatter = FrontMatter) => Parser.Parse(frontMatter + body, Label);

    private static QuizDefinition Valid(string body, string frontMatter = FrontMatter)
    {
        var result = Parse(body, frontMatter);
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!;
    }

    private static ContentIssue SingleIssue(string body, string frontMatter = FrontMatter)
    {
        var result = Parse(body, frontMatter);
        Assert.Null(result.Definition);
        return Assert.Single(result.Issues);
    }

    [Fact]
    public void Front_matter_settings_are_read()
    {
        var quiz = Valid(Single + Single.Replace("suspicious-mail-first", "second", StringComparison.Ordinal));

        Assert.Equal((70, 3, TimeSpan.FromMinutes(20), (int?)2, true),
            (quiz.PassMarkPercent, quiz.AttemptsAllowed, quiz.TimeLimit, quiz.DrawCount, quiz.Shuffle));
        Assert.Equal(["suspicious-mail-first", "second"], quiz.Questions.Select(q => q.Id));
    }

    [Fact]
    public void Without_front_matter_the_documented_defaults_apply()
    {
        var quiz = Valid(Single, frontMatter: "");

        Assert.Equal((80, 0, (TimeSpan?)null, (int?)null, false),
            (quiz.PassMarkPercent, quiz.AttemptsAllowed, quiz.TimeLimit, quiz.DrawCount, quiz.Shuffle));
    }

    [Fact]
    public void A_single_choice_question_is_read_with_per_option_and_general_feedback()
    {
        var question = Assert.Single(Valid(Single, "").Questions);

        Assert.Equal(("suspicious-mail-first", "不審なメールへの最初の対応", QuestionType.SingleChoice, 1),
            (question.Id, question.Title, question.Type, question.Points));
        Assert.StartsWith("添付ファイル付きの、**心当たりのない**", question.StemMarkdown, StringComparison.Ordinal);
        Assert.Contains("<strong>心当たりのない</strong>", question.StemHtml, StringComparison.Ordinal);
        Assert.Equal([("1", false, 0m), ("2", true, 100m), ("3", false, 0m)], question.Choices.Select(c => (c.Id, c.IsCorrect, c.Weight)));
        Assert.Equal("開かずに、区の手順に従って報告する", question.Choices[1].TextHtml);
        Assert.Equal("<p>開いた時点で感染するおそれがあります。</p>", question.Choices[0].FeedbackHtml);
        Assert.Null(question.Choices[2].Feedback);
        Assert.Equal("心当たりのないメールは、開く・返信するの前に報告します。", question.Feedback!.Source);
        Assert.Equal("<p>心当たりのないメールは、開く・返信するの前に報告します。</p>", question.FeedbackHtml);
    }

    [Fact]
    public void Multiple_choice_gets_equal_positive_and_negative_shares()
    {
        var question = Assert.Single(Valid("""
            ## 報告すべきもの {#report type=multiple points=3}

            当てはまるものをすべて選んでください。

            - [x] A
            - [x] B
            - [ ] C
            - [x] D
            - [ ] E

            > **解説** A、B、D です。
            """, "").Questions);

        Assert.Equal((QuestionType.MultipleChoice, 3), (question.Type, question.Points));
        Assert.Equal([true, true, false, true, false], question.Choices.Select(c => c.IsCorrect));
        Assert.Equal(100m / 3, question.Choices[0].Weight);
        Assert.Equal(-50m, question.Choices[2].Weight);
    }

    [Fact]
    public void True_false_short_text_numeric_and_matching_are_read()
    {
        var quiz = Valid("""
            ## 上司にパスワード {#never-share type=truefalse}

            上司に頼まれたらパスワードを教えてよい。

            - [ ] 正しい
              > 上司にも教えません。
            - [x] 誤り

            > **解説** パスワードは誰にも教えません。

            ## 呼び名 {#shadow-it type=text}

            用語で答えてください。

            答え: シャドーIT
            答え：シャドウIT

            > **解説** シャドーITです。

            ## 日数 {#days type=numeric}

            何日以内ですか（日）。

            答え: 30 ± 2
            答え: -1.5

            ## 組合せ {#three-elements type=matching points=2}

            組み合わせてください。

            - 誤送信 → 機密性
            - 書換え → 完全性
            - 停止 → 可用性

            > **解説** 三要素です。
            >
            > 二段落目。
            """, "");

        var trueFalse = quiz.Questions[0];
        Assert.Equal([("true", "正しい", false), ("false", "誤り", true)], trueFalse.Choices.Select(c => (c.Id, c.TextMarkdown, c.IsCorrect)));
        Assert.Equal("上司にも教えません。", trueFalse.Choices[0].Feedback!.Source);
        Assert.Equal([new AcceptedAnswer("シャドーIT"), new AcceptedAnswer("シャドウIT")], quiz.Questions[1].AcceptedAnswers);
        var numeric = quiz.Questions[2];
        Assert.Equal([new NumericAnswer(30, 2), new NumericAnswer(-1.5m)], numeric.NumericAnswers);
        Assert.Null(numeric.Feedback);
        var matching = quiz.Questions[3];
        Assert.Equal([new MatchingPair("誤送信", "機密性"), new MatchingPair("書換え", "完全性"), new MatchingPair("停止", "可用性")], matching.Pairs);
        Assert.Equal("三要素です。\n\n二段落目。", matching.Feedback!.Source);
        Assert.Equal(2, matching.Points);
    }

    [Fact]
    public void Stems_may_hold_lists_tables_and_code()
    {
        var question = Assert.Single(Valid("""
            ## 表を読む {#table type=single}

            次の表を見てください。

            | 課 | 件数 |
            |---|---:|
            | 税務課 | 12 |

            - 一般の箇条書き（選択肢ではありません）

            ```
            ## これは見出しではありません
            - [x] これも選択肢ではありません
            ```

            - [x] 税務課
            - [ ] 戸籍住民課
            """, "").Questions);

        Assert.Contains("<table>", question.StemHtml, StringComparison.Ordinal);
        Assert.Contains("## これは見出しではありません", question.StemMarkdown, StringComparison.Ordinal);
        Assert.Equal(2, question.Choices.Count);
    }

    public static TheoryData<string, string, int, string> Malformed => new()
    {
        { "no correct answer", "## 問 {#q type=single}\n\n問題文\n\n- [ ] A\n- [ ] B\n", 9, "正解（[x]）がありません" },
        { "single with two correct", "## 問 {#q type=single}\n\n問題文\n\n- [x] A\n- [x] B\n", 9, "ちょうど1つ" },
        { "multiple without correct", "## 問 {#q type=multiple}\n\n問題文\n\n- [ ] A\n- [ ] B\n", 9, "正解（[x]）がありません" },
        { "unknown type", "## 問 {#q type=essay}\n\n問題文\n", 5, "問題の種類「essay」は使えません" },
        { "missing type", "## 問 {#q}\n\n問題文\n", 5, "type（問題の種類）がありません" },
        { "bad id", "## 問 {#Q_1 type=single}\n\n問題文\n\n- [x] A\n- [ ] B\n", 5, "問題ID「Q_1」は使えません" },
        { "missing attributes", "## 問\n\n問題文\n", 5, "{#id type=…} がありません" },
        { "unknown attribute", "## 問 {#q type=single level=2}\n\n問題文\n\n- [x] A\n- [ ] B\n", 5, "「level=2」は使えません" },
        { "bad points", "## 問 {#q type=single points=0}\n\n問題文\n\n- [x] A\n- [ ] B\n", 5, "points（配点）は1以上" },
        { "bad numeric", "## 問 {#q type=numeric}\n\n問題文\n\n答え: 三十\n", 9, "数値の答え「三十」を読み取れません" },
        { "numeric full-width", "## 問 {#q type=numeric}\n\n問題文\n\n答え: ３０\n", 9, "半角数字" },
        { "numeric without answer", "## 問 {#q type=numeric}\n\n問題文\n", 5, "答えの行（答え: …）がありません" },
        { "empty text answer", "## 問 {#q type=text}\n\n問題文\n\n答え:\n", 9, "答えが空です" },
        { "matching duplicate left", "## 問 {#q type=matching}\n\n問題文\n\n- A → 1\n- A → 2\n", 10, "左側「A」が重複" },
        { "matching duplicate right", "## 問 {#q type=matching}\n\n問題文\n\n- A → 1\n- B → 1\n", 10, "右側「1」が重複" },
        { "matching one pair", "## 問 {#q type=matching}\n\n問題文\n\n- A → 1\n", 9, "2組以上" },
        { "matching without arrow", "## 問 {#q type=matching}\n\n問題文\n\n- A → 1\n- B → 2\n- C と 3\n", 11, "「- 左 → 右」の形" },
        { "truefalse wrong order", "## 問 {#q type=truefalse}\n\n問題文\n\n- [x] 誤り\n- [ ] 正しい\n", 9, "正しい が先" },
        { "truefalse both checked", "## 問 {#q type=truefalse}\n\n問題文\n\n- [x] 正しい\n- [x] 誤り\n", 9, "どちらか1つだけ" },
        { "no stem", "## 問 {#q type=single}\n\n- [x] A\n- [ ] B\n", 5, "問題文がありません" },
        { "stray line in options", "## 問 {#q type=single}\n\n問題文\n\n- [x] A\nおまけ\n- [ ] B\n", 10, "選択肢の並びの中に読み取れない行" },
        { "text after feedback", "## 問 {#q type=single}\n\n問題文\n\n- [x] A\n- [ ] B\n\n> **解説** なぜなら。\n\nおまけ\n", 14, "解説（> **解説** …）の後に" },
        { "text before first question", "# 確認テスト\n\n## 問 {#q type=single}\n\n問題文\n\n- [x] A\n- [ ] B\n", 5, "最初の問題より前に文章があります" },
        { "external link", "## 問 {#q type=single}\n\n[区のサイト](https://example.jp) を見てください。\n\n- [x] A\n- [ ] B\n", 7, "外部へのリンク" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_question_is_reported_with_its_line_and_yields_no_definition(string because, string body, int line, string message)
    {
        var issue = SingleIssue(body, "---\npass_mark: 80\n---\n\n");

        Assert.True(issue.Line == line && issue.Message.Contains(message, StringComparison.Ordinal), $"{because}: {issue}");
        Assert.Equal(Label, issue.File);
    }

    [Fact]
    public void A_duplicate_id_is_reported_at_the_second_heading()
    {
        var issue = SingleIssue(Single + Single, "");

        Assert.Equal(12, issue.Line);
        Assert.Equal("問題ID「suspicious-mail-first」が重複しています（1 行目と同じです）。", issue.Message);
    }

    public static TheoryData<string, int, string> BadFrontMatter => new()
    {
        { "---\npass_mark: 0\n---\n", 2, "pass_mark（合格点）は1〜100" },
        { "---\npass_mark: 101\n---\n", 2, "pass_mark（合格点）は1〜100" },
        { "---\npass_mark: 80\ndraw: 5\n---\n", 3, "draw（出題数 5）が問題の数（1）より多く" },
        { "---\nattempts: -1\n---\n", 2, "attempts（受験できる回数）は0以上" },
        { "---\ntime_limit_minutes: 0\n---\n", 2, "time_limit_minutes（制限時間）は1以上" },
        { "---\npass_mark: 80\nshufle: true\n---\n", 3, "「shufle」という項目は使えません" },
        { "---\npass_mark: 80\ndraw: [1\n---\n", 3, "YAML を読み取れません" },
        { "---\npass_mark: たくさん\n---\n", 2, "YAML を読み取れません" },
    };

    [Theory]
    [MemberData(nameof(BadFrontMatter))]
    public void Bad_front_matter_is_reported_with_its_line(string frontMatter, int line, string message)
    {
        var issue = SingleIssue(Single, frontMatter);

        Assert.True(issue.Line == line && issue.Message.Contains(message, StringComparison.Ordinal), issue.ToString());
    }

    [Fact]
    public void A_quiz_without_questions_is_an_error()
    {
        var issue = SingleIssue("", "---\npass_mark: 80\n---\n");

        Assert.StartsWith("問題が1つもありません。", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var result = Parse("## 問 {#q type=single}\n\n問題文\n\n- [ ] A\n- [ ] B\n\n## 問2 {#q2 type=unknown}\n\n文\n", "---\npass_mark: 0\n---\n\n");

        Assert.Equal([2, 9, 12], result.Issues.Select(i => i.Line).Order());
    }

    public static TheoryData<string> ShippedQuizzes()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryContent.CoursesFolder).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, QuizMarkdownParser.FileName)))
            {
                data.Add(Path.GetFileName(folder));
            }
        }
        return data;
    }

    [Fact]
    public void Every_course_ships_a_quiz()
    {
        Assert.Equal(9, ShippedQuizzes().Count);
    }

    [Theory]
    [MemberData(nameof(ShippedQuizzes))]
    public void Every_shipped_quiz_parses_without_issues(string slug)
    {
        var quiz = ShippedQuiz(slug);

        Assert.True(quiz.Questions.Count >= 10, $"{slug}: {quiz.Questions.Count} questions");
        Assert.All(quiz.Questions, q => Assert.NotNull(q.Feedback));
        Assert.InRange(quiz.DrawCount ?? quiz.Questions.Count, 1, quiz.Questions.Count);
    }

    internal static QuizDefinition ShippedQuiz(string slug)
    {
        var path = Path.Combine(RepositoryContent.CoursesFolder, slug, QuizMarkdownParser.FileName);
        var result = Parser.Parse(File.ReadAllText(path), CourseParser.FileLabel(slug, QuizMarkdownParser.FileName));
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!;
    }
}
