namespace Meguro.Learning.Content.Quizzes;

/// <summary>The settings of a quiz as written, before they are checked (both quiz.md front matter and GIFT header comments).</summary>
internal sealed record QuizSettings(int? PassMark, int? Attempts, int? TimeLimitMinutes, int? Draw, bool? Shuffle);

/// <summary>Checks shared by the quiz.md and GIFT readers, so both say the same thing in the same words.</summary>
internal static class QuizRules
{
    public const decimal WeightTolerance = 0.01m;

    public static readonly string TypeNames = "single、multiple、truefalse、text、numeric、matching";

    /// <summary>Checks the settings and builds the definition; <paramref name="lineOf"/> finds the line of a key.</summary>
    public static QuizDefinition Build(
        QuizSettings settings, IReadOnlyList<Question> questions, string label, Func<string, int> lineOf, List<ContentIssue> issues)
    {
        if (settings.PassMark is < 1 or > 100)
        {
            issues.Add(new(label, lineOf("pass_mark"), $"pass_mark（合格点）は1〜100の整数（%）で書いてください（今は {settings.PassMark}）。"));
        }
        if (settings.Attempts is < 0)
        {
            issues.Add(new(label, lineOf("attempts"), "attempts（受験できる回数）は0以上の整数で書いてください（0 = 無制限）。"));
        }
        if (settings.TimeLimitMinutes is < 1)
        {
            issues.Add(new(label, lineOf("time_limit_minutes"), "time_limit_minutes（制限時間）は1以上の分数で書いてください。制限しないときは書きません。"));
        }
        if (settings.Draw is < 1)
        {
            issues.Add(new(label, lineOf("draw"), "draw（出題数）は1以上の整数で書いてください。全問出すときは書きません。"));
        }
        else if (settings.Draw is { } draw && questions.Count > 0 && draw > questions.Count)
        {
            issues.Add(new(label, lineOf("draw"), $"draw（出題数 {draw}）が問題の数（{questions.Count}）より多くなっています。"));
        }
        return new QuizDefinition
        {
            PassMarkPercent = settings.PassMark ?? QuizDefinition.DefaultPassMarkPercent,
            AttemptsAllowed = settings.Attempts ?? 0,
            TimeLimit = settings.TimeLimitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            DrawCount = settings.Draw,
            Shuffle = settings.Shuffle ?? false,
            Questions = questions,
        };
    }

    /// <summary>Equal shares for quiz.md multiple choice: each correct +100/正解数, each wrong −100/誤答数.</summary>
    public static decimal[] EqualShares(IReadOnlyList<bool> correct)
    {
        var right = correct.Count(c => c);
        var wrong = correct.Count - right;
        return [.. correct.Select(c => c ? 100m / right : -100m / wrong)];
    }

    /// <summary>The rules GIFT weights must follow; quiz.md weights always follow them by construction.</summary>
    public static string? CheckMultipleWeights(IEnumerable<decimal> weights)
    {
        var list = weights.ToList();
        var positive = list.Where(w => w > 0).Sum();
        if (positive == 0)
        {
            return "正解（重みが正の選択肢）がありません。";
        }
        if (Math.Abs(positive - 100) > WeightTolerance)
        {
            return $"正解の選択肢の重みの合計が100%になっていません（今は {positive:0.#####}%）。";
        }
        return null;
    }
}
