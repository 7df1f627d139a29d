namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// One drawn question: its id, the order its choices are shown in (choice ids) and, for matching, the order of
/// the right-hand options.
/// </summary>
public sealed record DrawnQuestion(string QuestionId, IReadOnlyList<string> ChoiceOrder, IReadOnlyList<string> RightOrder)
{
    public IReadOnlyList<string> ChoiceOrder { get; init => field = ValueList.From(value); } = ValueList.From(ChoiceOrder);

    public IReadOnlyList<string> RightOrder { get; init => field = ValueList.From(value); } = ValueList.From(RightOrder);
}

/// <summary>The questions of one attempt, in the order they are shown.</summary>
public sealed record QuizDrawResult(IReadOnlyList<DrawnQuestion> Questions)
{
    public IReadOnlyList<DrawnQuestion> Questions { get; init => field = ValueList.From(value); } = ValueList.From(Questions);
}

/// <summary>
/// Draws the questions of an attempt. The same definition and seed always give the same draw (our own
/// SplitMix64 generator, not <see cref="Random"/>, so the result cannot change with the runtime), so storing the
/// seed — or the result — is enough to show an attempt again.
/// <list type="bullet">
/// <item><c>draw</c> set: that many questions are picked at random; otherwise all.</item>
/// <item><c>shuffle</c>: the questions and the options of single and multiple choice are shown in random order;
/// without it, the picked questions and the options keep the file's order.</item>
/// <item>正しい／誤り always stay in that order; the right-hand side of matching is always shuffled, or its order would give the answer away.</item>
/// </list>
/// </summary>
public static class QuizDraw
{
    public static QuizDrawResult Draw(QuizDefinition quiz, int seed)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var random = new SplitMix64((ulong)(uint)seed);
        var indexes = Enumerable.Range(0, quiz.Questions.Count).ToArray();
        var count = Math.Min(quiz.DrawCount ?? indexes.Length, indexes.Length);
        if (quiz.Shuffle || count < indexes.Length)
        {
            Shuffle(indexes, random);
        }
        var chosen = indexes.Take(count);
        if (!quiz.Shuffle)
        {
            chosen = chosen.Order();
        }
        var drawn = new List<DrawnQuestion>();
        foreach (var question in chosen.Select(i => quiz.Questions[i]))
        {
            var choices = question.Choices.Select(c => c.Id).ToArray();
            if (quiz.Shuffle && question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
            {
                Shuffle(choices, random);
            }
            var rights = question.Pairs.Select(p => p.Right).Distinct(StringComparer.Ordinal).ToArray();
            Shuffle(rights, random);
            drawn.Add(new DrawnQuestion(question.Id, choices, rights));
        }
        return new QuizDrawResult(drawn);
    }

    private static void Shuffle<T>(T[] items, SplitMix64 random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed forever.</summary>
    private sealed class SplitMix64(ulong state)
    {
        public int Next(int bound)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
