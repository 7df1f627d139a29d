using Meguro.Learning.Content.Quizzes;

namespace Meguro.Learning.Content.Tests.Quizzes;

/// <summary>The answer form of an attempt, its stored JSON and the scoring of exactly the drawn questions.</summary>
public sealed class AttemptSheetTests
{
    private static readonly QuizDefinition Quiz = new QuizMarkdownParser(QuizMarkdownParserTests.Markdown).Parse("""
        ---
        pass_mark: 70
        draw: 3
        shuffle: true
        ---

        ## 系 {#layers type=single}

        いくつ？

        - [ ] 一つ
        - [x] 三つ

        ## 報告 {#report type=multiple}

        選んでください。

        - [x] 紛失
        - [x] 誤送信
        - [ ] 昼食

        ## 用語 {#term type=text}

        何と呼びますか。

        答え: シャドーIT

        ## 組み合わせ {#match type=matching}

        組み合わせてください。

        - 機密性 → 漏らさない
        - 可用性 → 使える
        """, "quiz.md").Definition!;

    private static Func<string, IReadOnlyList<string>> Form(params (string Name, string Value)[] fields) =>
        name => fields.Where(f => f.Name == name).Select(f => f.Value).ToList();

    [Fact]
    public void Only_the_drawn_questions_are_read_and_scored()
    {
        var draw = QuizDraw.Draw(Quiz, seed: 3);
        var fields = draw.Questions.Select((d, n) => (AttemptForm.FieldName(n), Quiz.Find(d.QuestionId)!.Type == QuestionType.ShortText ? "しゃどーＩＴ" : "")).ToArray();

        var (answers, error) = AttemptForm.Read(Quiz, draw, Form(fields));
        var outcome = AttemptScorer.Score(Quiz, draw, answers!);

        Assert.Null(error);
        Assert.Equal(3, outcome.Questions.Count);
        Assert.Equal(draw.Questions.Select(d => d.QuestionId), outcome.Questions.Select(q => q.QuestionId));
        var drewTerm = draw.Questions.Any(d => d.QuestionId == "term");
        Assert.Equal(drewTerm ? 1m : 0m, outcome.Total.Earned);
    }

    [Theory]
    [InlineData("layers", "no-such-choice", "選択肢にない解答が送られました。")]
    [InlineData("layers", "two", "選べる選択肢は1つです。")]
    [InlineData("term", "long", "解答は500文字以内で入力してください。")]
    [InlineData("match", "9", "組み合わせの解答が不正です。")]
    public void A_post_the_page_cannot_have_produced_is_refused_naming_the_question(string questionId, string forgery, string message)
    {
        var draw = new QuizDrawResult([.. QuizDraw.Draw(Quiz with { DrawCount = null }, 1).Questions]);
        var n = draw.Questions.ToList().FindIndex(d => d.QuestionId == questionId);
        var drawn = draw.Questions[n];
        (string, string)[] fields = forgery switch
        {
            "two" => [(AttemptForm.FieldName(n), drawn.ChoiceOrder[0]), (AttemptForm.FieldName(n), drawn.ChoiceOrder[1])],
            "long" => [(AttemptForm.FieldName(n), new string('あ', 501))],
            "9" => [(AttemptForm.FieldName(n, 0), "9")],
            _ => [(AttemptForm.FieldName(n), forgery)],
        };

        var (answers, error) = AttemptForm.Read(Quiz, draw, Form(fields));

        Assert.Null(answers);
        Assert.Equal($"問{n + 1}: {message}", error);
    }

    [Fact]
    public void Draw_answers_and_outcome_survive_the_round_trip_through_json()
    {
        var draw = QuizDraw.Draw(Quiz with { DrawCount = null }, 11);
        var n = draw.Questions.ToList().FindIndex(d => d.QuestionId == "match");
        var m = draw.Questions.ToList().FindIndex(d => d.QuestionId == "report");
        var (answers, _) = AttemptForm.Read(Quiz, draw, Form(
            (AttemptForm.FieldName(n, 0), draw.Questions[n].RightOrder.ToList().IndexOf("漏らさない").ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (AttemptForm.FieldName(m), Quiz.Find("report")!.Choices[0].Id)));
        var outcome = AttemptScorer.Score(Quiz, draw, answers!);

        var drawBack = AttemptJson.ReadDraw(AttemptJson.WriteDraw(draw));
        var answersBack = AttemptJson.ReadAnswers(AttemptJson.WriteAnswers(answers!));
        var outcomeJson = AttemptJson.WriteOutcome(outcome.Questions);
        var outcomeBack = AttemptJson.ReadOutcome(outcomeJson);

        Assert.Equal(draw, drawBack);
        Assert.Equal("漏らさない", answersBack["match"].Matches["機密性"]);
        Assert.Equal(answers!["report"].ChoiceIds, answersBack["report"].ChoiceIds);
        Assert.Equal(outcome.Questions.Select(q => (q.QuestionId, q.Earned, q.Max)), outcomeBack.Select(q => (q.QuestionId, q.Earned, q.Max)));
        Assert.Contains("漏らさない", outcomeJson, StringComparison.Ordinal);
    }
}
