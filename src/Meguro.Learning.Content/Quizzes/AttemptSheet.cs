using System.Text.Encodings.Web;
using System.Text.Json;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>The scored attempt: the total and each drawn question's outcome, in the order shown.</summary>
public sealed record AttemptOutcome(QuizResult Total, IReadOnlyList<QuestionScore> Questions);

/// <summary>
/// What an attempt stores besides its status: the draw, the answers and the outcome, as JSON. The
/// format is ours and versionless on purpose: it only ever holds the engine's own records.
/// </summary>
public static class AttemptJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Japanese answers stay readable in the database instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string WriteDraw(QuizDrawResult draw) => JsonSerializer.Serialize(draw, Options);

    public static QuizDrawResult ReadDraw(string json) =>
        JsonSerializer.Deserialize<QuizDrawResult>(json, Options) ?? throw new JsonException("The stored draw is empty.");

    public static string WriteAnswers(IReadOnlyDictionary<string, QuizResponse> answers) => JsonSerializer.Serialize(answers, Options);

    public static IReadOnlyDictionary<string, QuizResponse> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, QuizResponse>>(json, Options) ?? [];

    public static string WriteOutcome(IReadOnlyList<QuestionScore> questions) => JsonSerializer.Serialize(questions, Options);

    public static IReadOnlyList<QuestionScore> ReadOutcome(string json) =>
        JsonSerializer.Deserialize<List<QuestionScore>>(json, Options) ?? [];
}

/// <summary>Scores a stored attempt: its drawn questions, and nothing else, against the quiz.</summary>
public static class AttemptScorer
{
    public static AttemptOutcome Score(QuizDefinition quiz, QuizDrawResult draw, IReadOnlyDictionary<string, QuizResponse> answers)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(answers);
        var scores = draw.Questions
            .Select(d => QuizScoring.Score(
                quiz.Find(d.QuestionId) ?? throw new InvalidOperationException($"Drawn question {d.QuestionId} is not in the quiz."),
                answers.GetValueOrDefault(d.QuestionId)))
            .ToList();
        return new AttemptOutcome(QuizScoring.Total(quiz, scores), scores);
    }
}

/// <summary>
/// Reads the answer form of an attempt. Field <c>a{n}</c> answers the n-th drawn question (a choice id,
/// or the typed text); <c>a{n}-{k}</c> is the right-hand option (its index in the drawn order) chosen for
/// the k-th left-hand item of a matching question. Anything that the drawn questions could not have
/// produced — an unknown choice, two choices for a single-choice question, an index out of range —
/// means a forged post: the whole form is refused and nothing is saved.
/// </summary>
public static class AttemptForm
{
    public const int MaxTextLength = 500;

    public static string FieldName(int questionIndex) => $"a{questionIndex}";

    public static string FieldName(int questionIndex, int leftIndex) => $"a{questionIndex}-{leftIndex}";

    /// <summary>The answers, or a Japanese message naming the question when the form cannot have come from the page.</summary>
    public static (IReadOnlyDictionary<string, QuizResponse>? Answers, string? Error) Read(
        QuizDefinition quiz, QuizDrawResult draw, Func<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(values);
        var answers = new Dictionary<string, QuizResponse>(StringComparer.Ordinal);
        for (var n = 0; n < draw.Questions.Count; n++)
        {
            var drawn = draw.Questions[n];
            var question = quiz.Find(drawn.QuestionId) ?? throw new InvalidOperationException($"Drawn question {drawn.QuestionId} is not in the quiz.");
            var (response, error) = ReadOne(question, drawn, n, values);
            if (error is not null)
            {
                return (null, $"問{n + 1}: {error}");
            }
            if (response is not null)
            {
                answers[question.Id] = response;
            }
        }
        return (answers, null);
    }

    private static (QuizResponse? Response, string? Error) ReadOne(Question question, DrawnQuestion drawn, int n, Func<string, IReadOnlyList<string>> values)
    {
        var given = values(FieldName(n)).Where(v => v.Length > 0).ToList();
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleChoice:
                if (given.Any(v => !drawn.ChoiceOrder.Contains(v, StringComparer.Ordinal)))
                {
                    return (null, "選択肢にない解答が送られました。");
                }
                if (question.Type != QuestionType.MultipleChoice && given.Count > 1)
                {
                    return (null, "選べる選択肢は1つです。");
                }
                return (given.Count == 0 ? null : QuizResponse.Choose([.. given.Distinct(StringComparer.Ordinal)]), null);
            case QuestionType.ShortText or QuestionType.Numeric:
                if (given.Count > 1)
                {
                    return (null, "解答が2つ以上送られました。");
                }
                if (given.Count == 1 && given[0].Length > MaxTextLength)
                {
                    return (null, $"解答は{MaxTextLength}文字以内で入力してください。");
                }
                return (given.Count == 0 || string.IsNullOrWhiteSpace(given[0]) ? null : QuizResponse.Answer(given[0]), null);
            default:
                var matches = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var k = 0; k < question.Pairs.Count; k++)
                {
                    var picked = values(FieldName(n, k)).Where(v => v.Length > 0).ToList();
                    if (picked.Count == 0)
                    {
                        continue;
                    }
                    if (picked.Count > 1 || !int.TryParse(picked[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                        || index < 0 || index >= drawn.RightOrder.Count)
                    {
                        return (null, "組み合わせの解答が不正です。");
                    }
                    matches[question.Pairs[k].Left] = drawn.RightOrder[index];
                }
                return (matches.Count == 0 ? null : QuizResponse.Match(matches), null);
        }
    }
}
