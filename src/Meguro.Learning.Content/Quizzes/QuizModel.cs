using System.Collections;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>The kinds of question a quiz may hold (quiz.md <c>type=</c>: single, multiple, truefalse, text, numeric, matching).</summary>
public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    ShortText,
    Numeric,
    Matching,
}

/// <summary>
/// How the source of a text was written. quiz.md is always Markdown; GIFT may say <c>[html]</c>
/// (kept as HTML, shown only through the sanitizer) — <c>[plain]</c>, <c>[moodle]</c> and unmarked
/// GIFT text become Markdown.
/// </summary>
public enum QuizTextFormat
{
    Markdown,
    Html,
}

/// <summary>A piece of quiz text: what the author wrote (<see cref="Source"/>) and its sanitised HTML.</summary>
public sealed record QuizText(string Source, string Html, QuizTextFormat Format = QuizTextFormat.Markdown);

/// <summary>
/// A whole quiz, ready to be drawn, shown and scored. Immutable; two definitions are equal when every
/// setting and every question (with all their texts, answers and weights) are equal.
/// </summary>
public sealed record QuizDefinition
{
    public const int DefaultPassMarkPercent = 80;

    /// <summary>合格点（%）, 1–100.</summary>
    public int PassMarkPercent { get; init; } = DefaultPassMarkPercent;

    /// <summary>受験できる回数; 0 = unlimited.</summary>
    public int AttemptsAllowed { get; init; }

    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Questions drawn per attempt; null = all.</summary>
    public int? DrawCount { get; init; }

    /// <summary>Whether question and choice order is shuffled per attempt.</summary>
    public bool Shuffle { get; init; }

    public IReadOnlyList<Question> Questions { get; init => field = ValueList.From(value); } = ValueList<Question>.Empty;

    /// <summary>Feedback for the whole quiz; neither quiz.md nor GIFT can set it yet, kept for authoring in the browser.</summary>
    public QuizText? GeneralFeedback { get; init; }

    public Question? Find(string questionId) => Questions.FirstOrDefault(q => q.Id == questionId);
}

/// <summary>
/// One question. Which lists are filled depends on <see cref="Type"/>: choices for single, multiple and
/// true/false; <see cref="AcceptedAnswers"/> for short text; <see cref="NumericAnswers"/>; <see cref="Pairs"/> for matching.
/// </summary>
public sealed record Question
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required QuestionType Type { get; init; }

    public int Points { get; init; } = 1;

    public required QuizText Stem { get; init; }

    public string StemMarkdown => Stem.Source;

    public string StemHtml => Stem.Html;

    public IReadOnlyList<Choice> Choices { get; init => field = ValueList.From(value); } = ValueList<Choice>.Empty;

    public IReadOnlyList<AcceptedAnswer> AcceptedAnswers { get; init => field = ValueList.From(value); } = ValueList<AcceptedAnswer>.Empty;

    public IReadOnlyList<NumericAnswer> NumericAnswers { get; init => field = ValueList.From(value); } = ValueList<NumericAnswer>.Empty;

    public IReadOnlyList<MatchingPair> Pairs { get; init => field = ValueList.From(value); } = ValueList<MatchingPair>.Empty;

    /// <summary>The general feedback (解説), shown after answering whatever was answered.</summary>
    public QuizText? Feedback { get; init; }

    public string? FeedbackHtml => Feedback?.Html;

    public IReadOnlyList<string> Tags { get; init => field = ValueList.From(value); } = ValueList<string>.Empty;

    /// <summary>GIFT <c>$CATEGORY</c> path, e.g. <c>$course$/top/セキュリティ</c>; null in quiz.md.</summary>
    public string? Category { get; init; }
}

/// <summary>
/// An option of a choice question. <see cref="Weight"/> is the share of the question's points (%) that
/// choosing it gives; negative takes points away. Weights are always resolved: quiz.md single = 100 / 0,
/// multiple = 100/正解数 for each correct and −100/誤答数 for each wrong option; GIFT = as written.
/// </summary>
public sealed record Choice(string Id, QuizText Text, bool IsCorrect, decimal Weight, QuizText? Feedback = null)
{
    public string TextMarkdown => Text.Source;

    public string TextHtml => Text.Html;

    public string? FeedbackHtml => Feedback?.Html;
}

/// <summary>An accepted short-text answer; <see cref="Weight"/> % of the points (100 = full marks).</summary>
public sealed record AcceptedAnswer(string Text, decimal Weight = 100, QuizText? Feedback = null);

/// <summary>A numeric answer: right when |response − Value| ≤ Tolerance (GIFT ranges min..max become their centre ± half width).</summary>
public sealed record NumericAnswer(decimal Value, decimal Tolerance = 0, decimal Weight = 100, QuizText? Feedback = null)
{
    public bool Accepts(decimal response) => Math.Abs(response - Value) <= Tolerance;
}

/// <summary>One pair of a matching question; both sides are plain text.</summary>
public sealed record MatchingPair(string Left, string Right);

/// <summary>
/// A read-only list with value equality, so that records holding lists compare by content
/// (parse(export(parse(x))) == parse(x)).
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] _items;

    public ValueList(IEnumerable<T> items) => _items = [.. items];

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

public static class ValueList
{
    public static ValueList<T> From<T>(IEnumerable<T>? items) => items switch
    {
        null => ValueList<T>.Empty,
        ValueList<T> list => list,
        _ => new ValueList<T>(items),
    };
}

/// <summary>The result of reading a quiz file: a definition only when there is not a single issue (all or nothing).</summary>
public sealed record QuizParseResult(QuizDefinition? Definition, IReadOnlyList<ContentIssue> Issues)
{
    public bool IsValid => Definition is not null && Issues.Count == 0;
}
