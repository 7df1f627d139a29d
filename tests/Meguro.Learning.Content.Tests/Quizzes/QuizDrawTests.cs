using Meguro.Learning.Content.Quizzes;

namespace Meguro.Learning.Content.Tests.Quizzes;

public sealed class QuizDrawTests
{
    private static readonly QuizDefinition Security = QuizMarkdownParserTests.ShippedQuiz("information-security");

    [Fact]
    public void The_same_seed_gives_the_same_draw()
    {
        Assert.Equal(QuizDraw.Draw(Security, 42), QuizDraw.Draw(Security, 42));
        Assert.Equal(QuizDraw.Draw(Security, -7), QuizDraw.Draw(Security, -7));
    }

    private static QuizDefinition Synthetic() => new()
    {
        DrawCount = 4,
        Shuffle = true,
        Questions = [.. Enumerable.Range(1, 6).Select(n => new Question
        {
            Id = $"q{n}",
            Title = $"問{n}",
            Type = QuestionType.SingleChoice,
            Stem = new QuizText("文", "<p>文</p>"),
            Choices = [.. Enumerable.Range(1, 4).Select(c => new Choice($"{c}", new QuizText($"{c}", $"{c}"), c == 1, c == 1 ? 100 : 0))],
        })],
    };

    [Fact]
    public void The_draw_is_fixed_forever_for_a_seed()
    {
        // Stored attempts are shown again from their seed: this must not change with the runtime or a refactoring.
        var draw = QuizDraw.Draw(Synthetic(), 20261201);

        Assert.Equal(["q2", "q3", "q6", "q1"], draw.Questions.Select(q => q.QuestionId));
        Assert.Equal(["3", "2", "4", "1"], draw.Questions[0].ChoiceOrder);
    }

    [Fact]
    public void Draw_picks_the_configured_number_of_distinct_questions_and_seeds_differ()
    {
        var draws = Enumerable.Range(0, 50).Select(seed => QuizDraw.Draw(Security, seed)).ToList();

        Assert.All(draws, d => Assert.Equal(10, d.Questions.Select(q => q.QuestionId).Distinct().Count()));
        Assert.True(draws.Select(d => string.Join(",", d.Questions.Select(q => q.QuestionId))).Distinct().Count() > 40);
        Assert.Equal(Security.Questions.Count, draws.SelectMany(d => d.Questions).Select(q => q.QuestionId).Distinct().Count());
    }

    [Fact]
    public void Choices_are_shuffled_but_true_false_keeps_its_order_and_every_choice_is_shown_once()
    {
        var draws = Enumerable.Range(0, 30).SelectMany(seed => QuizDraw.Draw(Security, seed).Questions).ToList();

        foreach (var drawn in draws)
        {
            var question = Security.Find(drawn.QuestionId)!;
            Assert.Equal(question.Choices.Select(c => c.Id).Order(), drawn.ChoiceOrder.Order());
            Assert.Equal(question.Pairs.Select(p => p.Right).Order(), drawn.RightOrder.Order());
            if (question.Type == QuestionType.TrueFalse)
            {
                Assert.Equal(["true", "false"], drawn.ChoiceOrder);
            }
        }
        Assert.Contains(draws, d => Security.Find(d.QuestionId)!.Type == QuestionType.SingleChoice && d.ChoiceOrder[0] != "1");
    }

    [Fact]
    public void Without_shuffle_the_file_order_is_kept_and_without_draw_every_question_is_shown()
    {
        var plain = Security with { Shuffle = false, DrawCount = null };
        var drawn = QuizDraw.Draw(plain, 5);

        Assert.Equal(Security.Questions.Select(q => q.Id), drawn.Questions.Select(q => q.QuestionId));
        Assert.All(drawn.Questions, d => Assert.Equal(Security.Find(d.QuestionId)!.Choices.Select(c => c.Id), d.ChoiceOrder));

        var picked = QuizDraw.Draw(Security with { Shuffle = false }, 5).Questions.Select(q => Security.Questions.ToList().FindIndex(x => x.Id == q.QuestionId)).ToList();
        Assert.Equal(picked.Order(), picked);
        Assert.Equal(10, picked.Count);
    }
}
