using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Builders;

/// <summary>
/// Publishes a small course with a quiz through the real importer, so each test owns its course
/// (its own attempt limit and time limit) and knows the answers.
/// </summary>
public sealed class QuizCourseBuilder
{
    private int _attempts;
    private int? _timeLimitMinutes;
    private int _passMark = 60;
    private int? _draw;
    private bool _yearly;

    public QuizCourseBuilder WithAttempts(int attempts) { _attempts = attempts; return this; }

    public QuizCourseBuilder WithTimeLimit(int minutes) { _timeLimitMinutes = minutes; return this; }

    public QuizCourseBuilder WithPassMark(int percent) { _passMark = percent; return this; }

    public QuizCourseBuilder Drawing(int count) { _draw = count; return this; }

    public QuizCourseBuilder Yearly() { _yearly = true; return this; }

    /// <summary>The skills the course grants: <c>dssl.care.security</c> at 2 and <c>meguro.safety</c> at 1.</summary>
    public static readonly IReadOnlyList<(string Code, int Level)> Grants = [("dssl.care.security", 2), ("meguro.safety", 1)];

    public async Task<string> PublishAsync(AppFixture app)
    {
        var slug = "quiz-test-" + Guid.NewGuid().ToString("N")[..8];
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["course.md"] = Utf8($"""
                ---
                title: テスト用コース {slug}
                summary: クイズの受験を試すためのコースです。
                category: テスト
                minutes: 10
                self_enroll: true
                yearly: {(_yearly ? "true" : "false")}
                skills:
                {string.Join("\n", Grants.Select(g => $"  - id: {g.Code}\n    level: {g.Level}"))}
                version_notes: 初版
                ---
                テスト用のコースです。
                """),
            ["01-first.md"] = Utf8("""
                ---
                title: 一つめのレッスン
                minutes: 5
                ---
                本文です。
                """),
            ["02-second.md"] = Utf8("""
                ---
                title: 二つめのレッスン
                minutes: 5
                ---
                本文です。
                """),
            ["quiz.md"] = Utf8(QuizMarkdown()),
        };
        await app.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<CourseImporter>().PublishAsync(slug, files, "test", CourseOrigin.Editor);
            if (result.Issues.Count > 0)
            {
                throw new InvalidOperationException(string.Join("\n", result.Issues.Select(i => $"{i.File}:{i.Line} {i.Message}")));
            }
        });
        return slug;
    }

    private string QuizMarkdown() => $$"""
        ---
        pass_mark: {{_passMark}}
        attempts: {{_attempts}}
        {{(_timeLimitMinutes is { } t ? $"time_limit_minutes: {t}" : "")}}
        {{(_draw is { } d ? $"draw: {d}" : "")}}
        shuffle: true
        ---

        ## 系の数 {#layers type=single}

        区のネットワークはいくつの系に分けられていますか。

        - [ ] 一つ
        - [x] 三つ
          > そのとおりです。
        - [ ] 五つ

        > **解説** 三層の対策と呼びます。

        ## 報告すること {#report type=multiple points=2}

        報告の対象を選んでください。

        - [x] 端末の紛失
        - [x] 不審なメールの添付を開いた
        - [ ] 昼休みの時刻

        ## パスワードの共有 {#share type=truefalse}

        上司にならパスワードを教えてよい。

        - [ ] 正しい
        - [x] 誤り

        ## 用語 {#term type=text}

        承認されていないサービスを業務で使うことを何と呼びますか。

        答え: シャドーIT

        ## 時間 {#hours type=numeric}

        何時間以内に報告しますか。

        答え: 1 ± 0.5

        ## 組み合わせ {#match type=matching}

        組み合わせてください。

        - 機密性 → 漏らさない
        - 可用性 → 使える
        """;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
}

/// <summary>Builds the answer form of a stored attempt: all right, all wrong, or as a test needs.</summary>
public sealed class AnswerSheet(QuizDefinition quiz, QuizDrawResult draw)
{
    public static async Task<AnswerSheet> ForAsync(AppFixture app, long attemptId)
    {
        QuizDefinition? quiz = null;
        QuizDrawResult? draw = null;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Data.LearningDbContext>();
            var attempt = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attemptId);
            quiz = await sp.GetRequiredService<QuizCatalog>().ForVersionAsync(db, attempt.CourseVersionId, default);
            draw = AttemptJson.ReadDraw(attempt.DrawJson);
        });
        return new AnswerSheet(quiz!, draw!);
    }

    public QuizDrawResult Draw => draw;

    public Dictionary<string, string> AllCorrect() => Build(correct: true);

    public Dictionary<string, string> AllWrong() => Build(correct: false);

    private Dictionary<string, string> Build(bool correct)
    {
        var fields = new Dictionary<string, string>();
        for (var n = 0; n < draw.Questions.Count; n++)
        {
            var drawn = draw.Questions[n];
            var q = quiz.Find(drawn.QuestionId)!;
            switch (q.Type)
            {
                case QuestionType.MultipleChoice:
                    // Several values of one field travel joined here and are split again by Pairs().
                    var ids = q.Choices.Where(c => c.IsCorrect == correct).Select(c => c.Id).ToList();
                    fields[AttemptForm.FieldName(n)] = string.Join('\u001f', ids);
                    break;
                case QuestionType.SingleChoice or QuestionType.TrueFalse:
                    fields[AttemptForm.FieldName(n)] = q.Choices.First(c => c.IsCorrect == correct).Id;
                    break;
                case QuestionType.ShortText:
                    fields[AttemptForm.FieldName(n)] = correct ? q.AcceptedAnswers[0].Text : "わかりません";
                    break;
                case QuestionType.Numeric:
                    fields[AttemptForm.FieldName(n)] = correct ? q.NumericAnswers[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "99";
                    break;
                default:
                    for (var k = 0; k < q.Pairs.Count; k++)
                    {
                        var right = correct ? q.Pairs[k].Right : q.Pairs[(k + 1) % q.Pairs.Count].Right;
                        fields[AttemptForm.FieldName(n, k)] = drawn.RightOrder.ToList().IndexOf(right).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    break;
            }
        }
        return fields;
    }

    /// <summary>The form as posted: a field holding several values (multiple choice) becomes several pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(IDictionary<string, string> fields) =>
        fields.SelectMany(f => f.Value.Split('\u001f').Select(v => new KeyValuePair<string, string>(f.Key, v)));
}
