using Meguro.Learning.Content.Quizzes;

namespace Meguro.Learning.Content.Tests.Quizzes;

public sealed class GiftRoundTripTests
{
    private static readonly GiftParser Gift = new(QuizMarkdownParserTests.Markdown);

    private static QuizDefinition ParseGift(string text)
    {
        var result = Gift.Parse(text, "export.gift");
        Assert.True(result.IsValid, string.Join("\n", result.Issues) + "\n" + text);
        return result.Definition!;
    }

    [Fact]
    public void Every_question_of_the_gift_fixture_survives_export_and_import()
    {
        var original = ParseGift(GiftParserTests.Fixture("all-types.gift"));

        var again = ParseGift(GiftExporter.Export(original));

        Assert.Equal(original.Questions.Count, again.Questions.Count);
        for (var i = 0; i < original.Questions.Count; i++)
        {
            Assert.Equal(original.Questions[i], again.Questions[i]);
        }
        Assert.Equal(original, again);
    }

    [Theory]
    [MemberData(nameof(QuizMarkdownParserTests.ShippedQuizzes), MemberType = typeof(QuizMarkdownParserTests))]
    public void Every_shipped_quiz_exports_to_gift_that_reads_back_the_same(string slug)
    {
        var quiz = QuizMarkdownParserTests.ShippedQuiz(slug);

        var again = ParseGift(GiftExporter.Export(quiz));

        for (var i = 0; i < quiz.Questions.Count; i++)
        {
            Assert.Equal(quiz.Questions[i], again.Questions[i]);
        }
        Assert.Equal(quiz, again);
    }

    [Fact]
    public void The_export_is_the_gift_moodle_documents()
    {
        var quiz = ParseGift("""
            // [pass_mark:60] [attempts:0] [shuffle:false]

            $CATEGORY: $course$/top/例

            // [id:q1] [tag:a] [points:3]
            ::題 1::[markdown]a\:b {=正解#よい ~誤り ####解説}

            // [id:q2]
            ::題 2::文 {=多要素認証 =%50%二段階認証}
            """);

        Assert.Equal("""
            // Meguro Learning の確認テスト（GIFT）。次の行は Moodle ではコメントです。
            // [pass_mark:60] [attempts:0] [shuffle:false]

            $CATEGORY: $course$/top/例

            // [id:q1] [tag:a] [points:3]
            ::題 1::[markdown]a\:b{
            	=正解#よい
            	~誤り
            	####解説
            }

            // [id:q2]
            ::題 2::[markdown]文{
            	=多要素認証
            	=%50%二段階認証
            }

            """, GiftExporter.Export(quiz));
    }

    [Fact]
    public void Definitions_compare_by_content_so_the_round_trip_proves_something()
    {
        var first = QuizMarkdownParserTests.ShippedQuiz("information-security");
        var second = QuizMarkdownParserTests.ShippedQuiz("information-security");
        var question = first.Questions[1];
        var otherWeight = question with { Choices = [.. question.Choices.Select((c, i) => i == 0 ? c with { Weight = 1 } : c)] };

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, first with { Questions = [.. first.Questions.Skip(1)] });
        Assert.NotEqual(question, otherWeight);
        Assert.NotEqual(question, question with { Tags = ["x"] });
        Assert.NotEqual(first, first with { PassMarkPercent = 79 });
    }

    [Fact]
    public void Escaping_covers_every_reserved_character_and_line_breaks()
    {
        Assert.Equal(@"a\\b \#\=\~\{\}\: c\nd", GiftExporter.Escape("a\\b #=~{}: c\nd"));
    }
}
