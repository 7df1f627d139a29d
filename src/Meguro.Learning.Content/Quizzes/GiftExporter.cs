using System.Globalization;
using System.Text;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// Writes a <see cref="QuizDefinition"/> as GIFT that Moodle imports and that <see cref="GiftParser"/> reads back
/// to an equal definition: settings, ids, tags and points go into comments, texts carry their format
/// (<c>[markdown]</c> or <c>[html]</c>), reserved characters and line breaks are escaped as Moodle's own exporter does.
/// </summary>
public static class GiftExporter
{
    public static string Export(QuizDefinition quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var gift = new StringBuilder();
        gift.Append("// Meguro Learning の確認テスト（GIFT）。次の行は Moodle ではコメントです。\n");
        gift.Append(CultureInfo.InvariantCulture, $"// [pass_mark:{quiz.PassMarkPercent}] [attempts:{quiz.AttemptsAllowed}]");
        if (quiz.TimeLimit is { } limit)
        {
            gift.Append(CultureInfo.InvariantCulture, $" [time_limit_minutes:{(int)Math.Ceiling(limit.TotalMinutes)}]");
        }
        if (quiz.DrawCount is { } draw)
        {
            gift.Append(CultureInfo.InvariantCulture, $" [draw:{draw}]");
        }
        gift.Append(quiz.Shuffle ? " [shuffle:true]\n" : " [shuffle:false]\n");
        string? category = null;
        foreach (var question in quiz.Questions)
        {
            gift.Append('\n');
            if (question.Category is { } c && c != category)
            {
                gift.Append("$CATEGORY: ").Append(c).Append("\n\n");
                category = c;
            }
            WriteQuestion(gift, question);
        }
        return gift.ToString();
    }

    private static void WriteQuestion(StringBuilder gift, Question question)
    {
        gift.Append("// [id:").Append(question.Id).Append(']');
        foreach (var tag in question.Tags)
        {
            gift.Append(" [tag:").Append(tag).Append(']');
        }
        if (question.Points != 1)
        {
            gift.Append(CultureInfo.InvariantCulture, $" [points:{question.Points}]");
        }
        gift.Append('\n');
        var format = question.Stem.Format;
        gift.Append("::").Append(Escape(question.Title)).Append("::")
            .Append(format == QuizTextFormat.Html ? "[html]" : "[markdown]")
            .Append(Escape(question.Stem.Source));
        switch (question.Type)
        {
            case QuestionType.TrueFalse:
                var right = question.Choices.First(c => c.IsCorrect);
                var wrong = question.Choices.First(c => !c.IsCorrect);
                gift.Append('{').Append(right.Id == "true" ? "TRUE" : "FALSE");
                if (wrong.Feedback is not null || right.Feedback is not null)
                {
                    gift.Append('#').Append(Text(wrong.Feedback, format));
                }
                if (right.Feedback is not null)
                {
                    gift.Append('#').Append(Text(right.Feedback, format));
                }
                if (question.Feedback is not null)
                {
                    gift.Append("####").Append(Text(question.Feedback, format));
                }
                gift.Append("}\n");
                return;
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                gift.Append("{\n");
                foreach (var choice in question.Choices)
                {
                    var marker = question.Type == QuestionType.SingleChoice && choice.Weight == 100 ? "="
                        : choice.Weight != 0 || question.Type == QuestionType.MultipleChoice || choice.Text.Source.StartsWith('%') ? $"~%{Number(choice.Weight)}%"
                        : "~";
                    gift.Append('\t').Append(marker).Append(Text(choice.Text, format));
                    AppendFeedback(gift, choice.Feedback, format);
                }
                break;
            case QuestionType.ShortText:
                gift.Append("{\n");
                foreach (var answer in question.AcceptedAnswers)
                {
                    gift.Append("\t=").Append(Weight(answer.Weight, answer.Text)).Append(Escape(answer.Text));
                    AppendFeedback(gift, answer.Feedback, format);
                }
                break;
            case QuestionType.Numeric:
                gift.Append("{#\n");
                foreach (var answer in question.NumericAnswers)
                {
                    gift.Append("\t=").Append(Weight(answer.Weight, "")).Append(Number(answer.Value)).Append(':').Append(Number(answer.Tolerance));
                    AppendFeedback(gift, answer.Feedback, format);
                }
                break;
            case QuestionType.Matching:
                gift.Append("{\n");
                foreach (var pair in question.Pairs)
                {
                    gift.Append("\t=").Append(Escape(pair.Left)).Append(" -> ").Append(Escape(pair.Right)).Append('\n');
                }
                break;
        }
        if (question.Feedback is not null)
        {
            gift.Append("\t####").Append(Text(question.Feedback, format)).Append('\n');
        }
        gift.Append("}\n");
    }

    private static void AppendFeedback(StringBuilder gift, QuizText? feedback, QuizTextFormat format)
    {
        if (feedback is not null)
        {
            gift.Append('#').Append(Text(feedback, format));
        }
        gift.Append('\n');
    }

    private static string Weight(decimal weight, string text) =>
        weight != 100 || text.StartsWith('%') ? $"%{Number(weight)}%" : "";

    /// <summary>A text in the question's format needs no marker; one in another format says which.</summary>
    private static string Text(QuizText? text, QuizTextFormat questionFormat) => text is null
        ? ""
        : (text.Format == questionFormat ? "" : text.Format == QuizTextFormat.Html ? "[html]" : "[markdown]") + Escape(text.Source);

    private static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Moodle's escaping: \ # = ~ { } : get a backslash; line breaks become \n.</summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '#' or '=' or '~' or '{' or '}' or ':':
                    result.Append('\\').Append(c);
                    break;
                case '\n':
                    result.Append("\\n");
                    break;
                case '\r':
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}
