using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Meguro.Learning.Domain.Courses;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// What a learner answered to one question: chosen choice ids (single, multiple, true/false — "true"/"false"),
/// a typed text (short text, numeric) or, for matching, the right side chosen for each left side.
/// </summary>
public sealed record QuizResponse
{
    public IReadOnlyList<string> ChoiceIds { get; init => field = ValueList.From(value); } = ValueList<string>.Empty;

    public string? Text { get; init; }

    public IReadOnlyDictionary<string, string> Matches { get; init; } = new Dictionary<string, string>();

    public static QuizResponse Choose(params string[] choiceIds) => new() { ChoiceIds = choiceIds };

    public static QuizResponse Answer(string text) => new() { Text = text };

    public static QuizResponse Match(IReadOnlyDictionary<string, string> matches) => new() { Matches = matches };
}

/// <summary>One choice after scoring: whether it was chosen and whether it is a correct choice.</summary>
public sealed record ChoiceResult(string ChoiceId, bool Selected, bool IsCorrect);

/// <summary>One pair of a matching question after scoring.</summary>
public sealed record PairResult(string Left, string? Chosen, string Expected, bool IsCorrect);

/// <summary>
/// The score of one question. <see cref="AnswerAccepted"/> is set for short text and numeric;
/// <see cref="NotANumber"/> when a numeric answer could not be read as a number. <see cref="Feedback"/> holds
/// the feedback of what was chosen or typed, then the general 解説.
/// </summary>
public sealed record QuestionScore(
    string QuestionId,
    decimal Earned,
    decimal Max,
    IReadOnlyList<ChoiceResult> Choices,
    IReadOnlyList<PairResult> Pairs,
    bool? AnswerAccepted,
    bool NotANumber,
    IReadOnlyList<QuizText> Feedback)
{
    public bool IsFullMarks => Earned == Max;
}

/// <summary>The result of an attempt: <see cref="Percent"/> is rounded down to 0.1; passed at or above the pass mark.</summary>
public sealed record QuizResult(decimal Earned, decimal Max, decimal Percent, bool Passed);

/// <summary>How typed short answers are compared.</summary>
public sealed record ShortTextOptions(bool IgnoreTrailingPeriod = true)
{
    public static readonly ShortTextOptions Default = new();
}

/// <summary>
/// Scores answers against a <see cref="QuizDefinition"/>. Pure and deterministic, so a background job can
/// score the same attempt twice and get the same result.
/// </summary>
public static partial class QuizScoring
{
    private const int WeightDecimals = 4;

    public static QuestionScore Score(Question question, QuizResponse? response, ShortTextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        response ??= new QuizResponse();
        var score = question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.TrueFalse => ScoreSingle(question, response),
            QuestionType.MultipleChoice => ScoreMultiple(question, response),
            QuestionType.ShortText => ScoreText(question, response, options ?? ShortTextOptions.Default),
            QuestionType.Numeric => ScoreNumeric(question, response),
            _ => ScoreMatching(question, response),
        };
        var feedback = question.Feedback is null ? score.Feedback : [.. score.Feedback, question.Feedback];
        return score with { Feedback = feedback };
    }

    /// <summary>Totals the scored questions of an attempt (those drawn) against the quiz's pass mark.</summary>
    public static QuizResult Total(QuizDefinition quiz, IEnumerable<QuestionScore> scores)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        var earned = list.Sum(s => s.Earned);
        var max = list.Sum(s => s.Max);
        var percent = max == 0 ? 0 : Math.Min(100, Math.Floor(Math.Round(earned / max * 100, 6) * 10) / 10);
        return new QuizResult(earned, max, percent, percent >= quiz.PassMarkPercent);
    }

    /// <summary>
    /// The form in which typed answers are compared: NFKC (全角英数→半角, 半角カナ→全角), lower case, runs of spaces
    /// as one, katakana as hiragana (<see cref="CourseSearch.Normalize"/>), and without a final 。 or . when asked.
    /// </summary>
    public static string NormalizeText(string? text, ShortTextOptions? options = null)
    {
        var normalized = CourseSearch.Normalize(text).Trim();
        if ((options ?? ShortTextOptions.Default).IgnoreTrailingPeriod)
        {
            normalized = normalized.TrimEnd('。', '.').TrimEnd();
        }
        return normalized;
    }

    /// <summary>
    /// Reads a typed number: full-width digits, the full-width point and minus (via NFKC), a minus sign (−),
    /// 中黒 (・) as decimal point, and thousands separators (1,000). Anything else is not a number (null).
    /// </summary>
    public static decimal? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC).Trim())
        {
            folded.Append(c switch
            {
                '\u2212' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\uFE63' => '-',
                '・' => '.',
                _ => c,
            });
        }
        var candidate = folded.ToString().Replace(" ", "", StringComparison.Ordinal);
        if (Grouped().IsMatch(candidate))
        {
            candidate = candidate.Replace(",", "", StringComparison.Ordinal);
        }
        return Plain().IsMatch(candidate)
            && decimal.TryParse(candidate, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static decimal Earned(Question question, decimal weightPercent) =>
        Math.Round(question.Points * Math.Clamp(Math.Round(weightPercent, WeightDecimals), 0, 100) / 100, WeightDecimals);

    private static QuestionScore Empty(Question question, decimal weight) =>
        new(question.Id, Earned(question, weight), question.Points, [], [], null, false, []);

    private static HashSet<string> Selected(Question question, QuizResponse response) =>
        response.ChoiceIds.Where(id => question.Choices.Any(c => c.Id == id)).ToHashSet(StringComparer.Ordinal);

    private static List<ChoiceResult> ChoiceResults(Question question, HashSet<string> selected) =>
        [.. question.Choices.Select(c => new ChoiceResult(c.Id, selected.Contains(c.Id), c.IsCorrect))];

    private static List<QuizText> ChosenFeedback(Question question, HashSet<string> selected) =>
        [.. question.Choices.Where(c => selected.Contains(c.Id) && c.Feedback is not null).Select(c => c.Feedback!)];

    /// <summary>One choice counts; choosing several in a single-choice question earns nothing.</summary>
    private static QuestionScore ScoreSingle(Question question, QuizResponse response)
    {
        var selected = Selected(question, response);
        var weight = selected.Count == 1 ? question.Choices.First(c => selected.Contains(c.Id)).Weight : 0;
        return Empty(question, weight) with { Choices = ChoiceResults(question, selected), Feedback = ChosenFeedback(question, selected) };
    }

    /// <summary>Partial credit: the weights of the chosen options add up (wrong ones are negative), floored at 0.</summary>
    private static QuestionScore ScoreMultiple(Question question, QuizResponse response)
    {
        var selected = Selected(question, response);
        var weight = question.Choices.Where(c => selected.Contains(c.Id)).Sum(c => c.Weight);
        return Empty(question, weight) with { Choices = ChoiceResults(question, selected), Feedback = ChosenFeedback(question, selected) };
    }

    private static QuestionScore ScoreText(Question question, QuizResponse response, ShortTextOptions options)
    {
        var typed = NormalizeText(response.Text, options);
        var best = typed.Length == 0
            ? null
            : question.AcceptedAnswers.Where(a => NormalizeText(a.Text, options) == typed).MaxBy(a => a.Weight);
        return Empty(question, best?.Weight ?? 0) with
        {
            AnswerAccepted = best is { Weight: > 0 },
            Feedback = best?.Feedback is { } feedback ? [feedback] : [],
        };
    }

    private static QuestionScore ScoreNumeric(Question question, QuizResponse response)
    {
        var value = ParseNumber(response.Text);
        var best = value is { } v ? question.NumericAnswers.Where(a => a.Accepts(v)).MaxBy(a => a.Weight) : null;
        return Empty(question, best?.Weight ?? 0) with
        {
            AnswerAccepted = best is { Weight: > 0 },
            NotANumber = value is null && !string.IsNullOrWhiteSpace(response.Text),
            Feedback = best?.Feedback is { } feedback ? [feedback] : [],
        };
    }

    /// <summary>Each correctly matched pair earns its share of the points.</summary>
    private static QuestionScore ScoreMatching(Question question, QuizResponse response)
    {
        var pairs = question.Pairs
            .Select(p => response.Matches.TryGetValue(p.Left, out var chosen)
                ? new PairResult(p.Left, chosen, p.Right, chosen == p.Right)
                : new PairResult(p.Left, null, p.Right, false))
            .ToList();
        var weight = question.Pairs.Count == 0 ? 0 : 100m * pairs.Count(p => p.IsCorrect) / question.Pairs.Count;
        return Empty(question, weight) with { Pairs = pairs };
    }

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")]
    private static partial Regex Plain();
}
