using Meguro.Learning.Content.Quizzes;

namespace Meguro.Learning.Content.Tests.Quizzes;

public sealed class QuizScoringTests
{
    private static readonly QuizMarkdownParser Parser = new(QuizMarkdownParserTests.Markdown);
    private static readonly GiftParser Gift = new(QuizMarkdownParserTests.Markdown);

    private static Question Md(string body)
    {
        var result = Parser.Parse(body, "quiz.md");
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!.Questions[0];
    }

    private static Question FromGift(string gift)
    {
        var result = Gift.Parse(gift, "quiz.gift");
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!.Questions[0];
    }

    private static readonly Question Single = Md("""
        ## 問 {#q type=single points=2}

        どれですか。

        - [ ] A
          > A は違います。
        - [x] B
          > そのとおりです。
        - [ ] C

        > **解説** B です。
        """);

    // 3 correct (+33.3% each), 2 wrong (−50% each), 3 points.
    private static readonly Question Multiple = Md("""
        ## 問 {#m type=multiple points=3}

        当てはまるものをすべて選んでください。

        - [x] A
        - [x] B
        - [x] C
        - [ ] D
          > D は違います。
        - [ ] E
        """);

    [Fact]
    public void Single_choice_is_all_or_nothing_with_the_chosen_feedback_and_the_general_feedback()
    {
        var right = QuizScoring.Score(Single, QuizResponse.Choose("2"));
        var wrong = QuizScoring.Score(Single, QuizResponse.Choose("1"));

        Assert.Equal((2m, 2m, true), (right.Earned, right.Max, right.IsFullMarks));
        Assert.Equal(["<p>そのとおりです。</p>", "<p>B です。</p>"], right.Feedback.Select(f => f.Html));
        Assert.Equal([("1", false, false), ("2", true, true), ("3", false, false)], right.Choices.Select(c => (c.ChoiceId, c.Selected, c.IsCorrect)));
        Assert.Equal(0m, wrong.Earned);
        Assert.Equal(["<p>A は違います。</p>", "<p>B です。</p>"], wrong.Feedback.Select(f => f.Html));
        Assert.Equal(0m, QuizScoring.Score(Single, QuizResponse.Choose("1", "2")).Earned);
        Assert.Equal(0m, QuizScoring.Score(Single, null).Earned);
        Assert.Equal(0m, QuizScoring.Score(Single, QuizResponse.Choose("nope")).Earned);
    }

    [Theory]
    [InlineData(new[] { "1", "2", "3" }, 3)]
    [InlineData(new[] { "1", "2" }, 2)]
    [InlineData(new[] { "1" }, 1)]
    [InlineData(new[] { "1", "2", "4" }, 0.5)]
    [InlineData(new[] { "1", "4" }, 0)]
    [InlineData(new[] { "1", "4", "5" }, 0)]
    [InlineData(new[] { "1", "2", "3", "4", "5" }, 0)]
    [InlineData(new string[0], 0)]
    public void Multiple_choice_gives_partial_credit_with_equal_shares_and_a_floor_at_zero(string[] chosen, double expected)
    {
        Assert.Equal((decimal)expected, QuizScoring.Score(Multiple, QuizResponse.Choose(chosen)).Earned);
    }

    [Fact]
    public void Two_of_three_correct_options_earn_two_thirds()
    {
        var score = QuizScoring.Score(Multiple with { Points = 1 }, QuizResponse.Choose("1", "2"));

        Assert.Equal(0.6667m, score.Earned);
        Assert.Equal(1m, QuizScoring.Score(Multiple with { Points = 1 }, QuizResponse.Choose("1", "2", "3")).Earned);
    }

    [Fact]
    public void Gift_weights_are_used_as_written_including_negative_ones()
    {
        var question = FromGift("::重み::選んでください。{~%50%A ~%50%B ~%-100%C ~D}");

        Assert.Equal(1m, QuizScoring.Score(question, QuizResponse.Choose("1", "2")).Earned);
        Assert.Equal(0.5m, QuizScoring.Score(question, QuizResponse.Choose("1")).Earned);
        Assert.Equal(0.5m, QuizScoring.Score(question, QuizResponse.Choose("1", "4")).Earned);
        Assert.Equal(0m, QuizScoring.Score(question, QuizResponse.Choose("1", "2", "3")).Earned);
        Assert.Equal(0m, QuizScoring.Score(question, QuizResponse.Choose("1", "3")).Earned);
    }

    [Fact]
    public void Gift_single_choice_may_give_partial_credit()
    {
        var question = FromGift("::部分点::どれですか。{=A ~%50%B ~C}");

        Assert.Equal(0.5m, QuizScoring.Score(question, QuizResponse.Choose("2")).Earned);
    }

    [Fact]
    public void True_false_is_scored_on_the_chosen_side()
    {
        var question = Md("## 問 {#tf type=truefalse}\n\n文。\n\n- [ ] 正しい\n  > 違います。\n- [x] 誤り\n");

        Assert.Equal(1m, QuizScoring.Score(question, QuizResponse.Choose("false")).Earned);
        var wrong = QuizScoring.Score(question, QuizResponse.Choose("true"));
        Assert.Equal(0m, wrong.Earned);
        Assert.Equal("違います。", Assert.Single(wrong.Feedback).Source);
    }

    private static readonly Question Text = Md("""
        ## 問 {#t type=text}

        用語で答えてください。

        答え: シャドーIT
        答え: Multi Factor Authentication
        答え: 多要素認証。
        """);

    [Theory]
    [InlineData("シャドーIT")]
    [InlineData("しゃどーit")]
    [InlineData("ｼｬﾄﾞｰＩＴ")]
    [InlineData("シャドーｉｔ")]
    [InlineData("  シャドーIT  ")]
    [InlineData("シャドーIT。")]
    [InlineData("multi   factor  authentication")]
    [InlineData("ＭＵＬＴＩ　ＦＡＣＴＯＲ　ＡＵＴＨＥＮＴＩＣＡＴＩＯＮ.")]
    [InlineData("多要素認証")]
    public void Short_text_answers_are_compared_after_normalisation(string typed)
    {
        var score = QuizScoring.Score(Text, QuizResponse.Answer(typed));

        Assert.True(score.IsFullMarks, typed);
        Assert.True(score.AnswerAccepted);
    }

    [Theory]
    [InlineData("シャドウ")]
    [InlineData("シャドーI T")]
    [InlineData("")]
    [InlineData("   ")]
    public void Other_short_text_answers_earn_nothing(string typed)
    {
        var score = QuizScoring.Score(Text, QuizResponse.Answer(typed));

        Assert.Equal((0m, false), (score.Earned, score.AnswerAccepted));
    }

    [Fact]
    public void The_trailing_period_can_be_made_significant()
    {
        var strict = new ShortTextOptions(IgnoreTrailingPeriod: false);

        Assert.Equal(0m, QuizScoring.Score(Text, QuizResponse.Answer("シャドーIT。"), strict).Earned);
        Assert.Equal("しゃどーit。", QuizScoring.NormalizeText("シャドーＩＴ。", strict));
        Assert.Equal("しゃどーit", QuizScoring.NormalizeText("シャドーＩＴ。"));
    }

    [Fact]
    public void Weighted_short_answers_earn_their_share_and_their_feedback()
    {
        var question = FromGift("::認証::何と呼びますか。{=多要素認証 =%50%二段階認証#惜しい。}");

        var partial = QuizScoring.Score(question, QuizResponse.Answer(" 二段階認証。"));

        Assert.Equal(0.5m, partial.Earned);
        Assert.Equal("惜しい。", Assert.Single(partial.Feedback).Source);
    }

    private static readonly Question Numeric = Md("## 問 {#n type=numeric points=2}\n\n何日ですか（日）。\n\n答え: 30 ± 2\n");

    [Theory]
    [InlineData("30", true)]
    [InlineData("28", true)]
    [InlineData("32", true)]
    [InlineData("32.0", true)]
    [InlineData("３１", true)]
    [InlineData("２９．５", true)]
    [InlineData("29・5", true)]
    [InlineData(" 30 ", true)]
    [InlineData("27.99", false)]
    [InlineData("32.01", false)]
    [InlineData("-30", false)]
    public void Numeric_answers_are_right_within_the_tolerance(string typed, bool right)
    {
        var score = QuizScoring.Score(Numeric, QuizResponse.Answer(typed));

        Assert.Equal((right ? 2m : 0m, right, false), (score.Earned, score.AnswerAccepted, score.NotANumber));
    }

    [Theory]
    [InlineData("三十")]
    [InlineData("30日")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("3.0.1")]
    public void Text_that_is_not_a_number_is_refused_cleanly(string typed)
    {
        var score = QuizScoring.Score(Numeric, QuizResponse.Answer(typed));

        Assert.Equal((0m, false, true), (score.Earned, score.AnswerAccepted, score.NotANumber));
    }

    [Theory]
    [InlineData("１，０００", 1000)]
    [InlineData("−2.5", -2.5)]
    [InlineData("－２．５", -2.5)]
    [InlineData(".5", 0.5)]
    public void Typed_numbers_are_read_in_their_japanese_forms(string typed, double expected)
    {
        Assert.Equal((decimal)expected, QuizScoring.ParseNumber(typed));
    }

    [Fact]
    public void Numeric_ranges_and_weighted_answers_are_scored()
    {
        var range = FromGift("::範囲::1から5。{#1..5}");
        var pi = FromGift("::円周率::円周率は？{#=3.14159:0.0005 =%50%3.14:0.005#惜しい}");

        Assert.Equal([1m, 1m, 1m, 0m, 0m], new[] { "1", "3", "5", "0.99", "5.01" }.Select(t => QuizScoring.Score(range, QuizResponse.Answer(t)).Earned));
        Assert.Equal(1m, QuizScoring.Score(pi, QuizResponse.Answer("3.1416")).Earned);
        var near = QuizScoring.Score(pi, QuizResponse.Answer("3.14"));
        Assert.Equal(0.5m, near.Earned);
        Assert.Equal("惜しい", Assert.Single(near.Feedback).Source);
    }

    [Fact]
    public void Matching_earns_a_share_per_correct_pair()
    {
        var question = Md("## 問 {#x type=matching points=3}\n\n組み合わせてください。\n\n- 誤送信 → 機密性\n- 書換え → 完全性\n- 停止 → 可用性\n");

        var all = QuizScoring.Score(question, QuizResponse.Match(new Dictionary<string, string> { ["誤送信"] = "機密性", ["書換え"] = "完全性", ["停止"] = "可用性" }));
        var one = QuizScoring.Score(question, QuizResponse.Match(new Dictionary<string, string> { ["誤送信"] = "機密性", ["書換え"] = "可用性", ["停止"] = "完全性" }));
        var two = QuizScoring.Score(question, QuizResponse.Match(new Dictionary<string, string> { ["誤送信"] = "機密性", ["書換え"] = "完全性" }));

        Assert.Equal((3m, 1m, 2m), (all.Earned, one.Earned, two.Earned));
        Assert.Equal([true, false, false], one.Pairs.Select(p => p.IsCorrect));
        Assert.Equal(new PairResult("停止", null, "可用性", false), two.Pairs[2]);
    }

    [Theory]
    [InlineData(8, 10, 80.0, true)]
    [InlineData(7.99, 10, 79.9, false)]
    [InlineData(7.999, 10, 79.9, false)]
    [InlineData(10, 10, 100.0, true)]
    [InlineData(0, 10, 0.0, false)]
    [InlineData(2, 3, 66.6, false)]
    public void The_total_is_rounded_down_to_a_tenth_and_passes_at_exactly_the_pass_mark(double earned, double max, double percent, bool passed)
    {
        var quiz = new QuizDefinition { PassMarkPercent = 80 };
        var scores = new[] { new QuestionScore("a", (decimal)earned, (decimal)max, [], [], null, false, []) };

        var result = QuizScoring.Total(quiz, scores);

        Assert.Equal(((decimal)percent, passed), (result.Percent, result.Passed));
    }

    [Fact]
    public void Full_marks_on_equal_shares_are_exactly_one_hundred_percent()
    {
        var quiz = new QuizDefinition { PassMarkPercent = 100, Questions = [Multiple] };
        var score = QuizScoring.Score(Multiple, QuizResponse.Choose("1", "2", "3"));

        Assert.Equal(new QuizResult(3, 3, 100, true), QuizScoring.Total(quiz, [score]));
    }
}
