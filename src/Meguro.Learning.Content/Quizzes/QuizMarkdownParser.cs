using System.Globalization;
using System.Text.RegularExpressions;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// Reads <c>quiz.md</c>: YAML front matter (pass_mark, attempts, time_limit_minutes, draw, shuffle) and
/// questions that each start with <c>## 題名 {#id type=… points=…}</c>, followed by the stem, the answer
/// block of the type (task list, <c>答え:</c> lines or <c>- 左 → 右</c> pairs) and an optional
/// <c>&gt; **解説** …</c>. Every problem is reported with its line; one problem and there is no definition.
/// docs/content-format.md 「クイズ（quiz.md）」 describes exactly what is accepted.
/// </summary>
public sealed partial class QuizMarkdownParser(CourseMarkdown markdown)
{
    public const string FileName = "quiz.md";

    private const string TrueText = "正しい";
    private const string FalseText = "誤り";

    private static readonly Dictionary<string, QuestionType> Types = new(StringComparer.Ordinal)
    {
        ["single"] = QuestionType.SingleChoice,
        ["multiple"] = QuestionType.MultipleChoice,
        ["truefalse"] = QuestionType.TrueFalse,
        ["text"] = QuestionType.ShortText,
        ["numeric"] = QuestionType.Numeric,
        ["matching"] = QuestionType.Matching,
    };

    /// <summary>
    /// Reads one quiz.md. <paramref name="context"/> (the course's lessons and media) lets question texts
    /// link to lessons; without it the quiz stands alone. Issues name <paramref name="fileLabel"/>.
    /// </summary>
    public QuizParseResult Parse(string text, string fileLabel, MarkdownContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var issues = new List<ContentIssue>();
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var renderer = new QuizTextRenderer(markdown, (context ?? QuizTextRenderer.StandaloneContext(fileLabel)) with { FileLabel = fileLabel }, issues);
        var reader = new Reader(fileLabel, lines, renderer, issues);

        var (settings, bodyStart) = reader.ReadFrontMatter();
        var (questions, headingCount) = reader.ReadQuestions(bodyStart);
        if (headingCount == 0)
        {
            issues.Add(new(fileLabel, 0, "問題が1つもありません。「## 題名 {#id type=single}」の見出しで問題を書いてください。"));
        }
        var definition = QuizRules.Build(settings, questions, fileLabel, key => reader.FrontMatterLine(key, bodyStart), issues);
        return issues.Count == 0 ? new QuizParseResult(definition, issues) : new QuizParseResult(null, issues);
    }

    private sealed class Reader(string label, string[] lines, QuizTextRenderer renderer, List<ContentIssue> issues)
    {
        private void Issue(int index, string message) => issues.Add(new(label, index + 1, message));

        /// <summary>The 1-based line of a front-matter key, or 1.</summary>
        public int FrontMatterLine(string key, int bodyStart)
        {
            for (var i = 0; i < bodyStart; i++)
            {
                if (lines[i].TrimStart().StartsWith(key + ":", StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }
            return 1;
        }

        public (QuizSettings Settings, int BodyStart) ReadFrontMatter()
        {
            var empty = new QuizSettings(null, null, null, null, null);
            if (lines.Length == 0 || lines[0].TrimEnd() != "---")
            {
                return (empty, 0);
            }
            var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
            if (close < 0)
            {
                Issue(0, "フロントマターが「---」の行で閉じられていません。");
                return (empty, lines.Length);
            }
            var yaml = FrontMatter.Read<QuizYaml>(string.Join('\n', lines[1..close]), label, issues) ?? new QuizYaml();
            return (new QuizSettings(yaml.PassMark, yaml.Attempts, yaml.TimeLimitMinutes, yaml.Draw, yaml.Shuffle), close + 1);
        }

        public (List<Question> Questions, int HeadingCount) ReadQuestions(int start)
        {
            var headings = new List<int>();
            var inFence = false;
            for (var i = start; i < lines.Length; i++)
            {
                if (IsFence(lines[i]))
                {
                    inFence = !inFence;
                }
                else if (!inFence && QuestionHeading().IsMatch(lines[i]))
                {
                    headings.Add(i);
                }
            }
            var firstText = Enumerable.Range(start, (headings.Count > 0 ? headings[0] : lines.Length) - start)
                .FirstOrDefault(i => !string.IsNullOrWhiteSpace(lines[i]), -1);
            if (firstText >= 0)
            {
                Issue(firstText, "最初の問題より前に文章があります。問題はすべて「## 題名 {#id type=…}」の見出しで始めてください。");
            }

            var questions = new List<Question>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var h = 0; h < headings.Count; h++)
            {
                var end = h + 1 < headings.Count ? headings[h + 1] : lines.Length;
                var heading = ReadHeading(headings[h]);
                if (heading is null)
                {
                    continue;
                }
                if (seen.TryGetValue(heading.Value.Id, out var firstLine))
                {
                    Issue(headings[h], $"問題ID「{heading.Value.Id}」が重複しています（{firstLine} 行目と同じです）。");
                }
                else
                {
                    seen[heading.Value.Id] = headings[h] + 1;
                }
                if (ReadQuestion(headings[h], end, heading.Value) is { } question)
                {
                    questions.Add(question);
                }
            }
            return (questions, headings.Count);
        }

        private (string Id, string Title, QuestionType Type, int Points)? ReadHeading(int index)
        {
            var match = HeadingWithAttributes().Match(lines[index]);
            if (!match.Success)
            {
                Issue(index, "問題の見出しの終わりに {#id type=…} がありません（例: ## 不審なメール {#suspicious-mail type=single}）。");
                return null;
            }
            var title = match.Groups["title"].Value.Trim();
            string? id = null;
            string? typeName = null;
            var points = 1;
            var ok = true;
            foreach (var token in match.Groups["attrs"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.StartsWith('#'))
                {
                    id = token[1..];
                    continue;
                }
                var equals = token.IndexOf('=');
                var key = equals < 0 ? token : token[..equals];
                var value = equals < 0 ? "" : token[(equals + 1)..];
                switch (key)
                {
                    case "type":
                        typeName = value;
                        break;
                    case "points" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1:
                        points = p;
                        break;
                    case "points":
                        Issue(index, $"points（配点）は1以上の整数で書いてください（今は「{value}」）。");
                        ok = false;
                        break;
                    default:
                        Issue(index, $"見出しの「{token}」は使えません。{{#id type=… points=…}} の id・type・points だけを書けます。");
                        ok = false;
                        break;
                }
            }
            if (title.Length == 0)
            {
                Issue(index, "問題の題名がありません。「## 題名 {#id type=…}」の形で書いてください。");
                ok = false;
            }
            if (id is null)
            {
                Issue(index, "問題ID（{#id …} の #id）がありません。");
                ok = false;
            }
            else if (!QuestionId().IsMatch(id))
            {
                Issue(index, $"問題ID「{id}」は使えません。英小文字・数字・ハイフンで書いてください。");
                ok = false;
            }
            QuestionType type = default;
            if (typeName is null)
            {
                Issue(index, $"type（問題の種類）がありません。{QuizRules.TypeNames} のいずれかを書いてください。");
                ok = false;
            }
            else if (!Types.TryGetValue(typeName, out type))
            {
                Issue(index, $"問題の種類「{typeName}」は使えません（{QuizRules.TypeNames} のいずれか）。");
                ok = false;
            }
            return ok ? (id!, title, type, points) : null;
        }

        private Question? ReadQuestion(int heading, int end, (string Id, string Title, QuestionType Type, int Points) head)
        {
            var countBefore = issues.Count;
            var answerStart = FindAnswerStart(heading + 1, end, head.Type);
            if (answerStart < 0)
            {
                Issue(heading, head.Type switch
                {
                    QuestionType.ShortText or QuestionType.Numeric => "答えの行（答え: …）がありません。",
                    QuestionType.Matching => "組合せ（- 左 → 右）がありません。",
                    QuestionType.TrueFalse => "答え（- [x] 正しい / - [ ] 誤り）がありません。",
                    _ => "選択肢（- [ ] / - [x] のタスクリスト）がありません。",
                });
                return null;
            }
            var feedbackStart = Enumerable.Range(answerStart, end - answerStart).FirstOrDefault(i => FeedbackStart().IsMatch(lines[i]), end);

            var stemLines = TrimBlank(heading + 1, answerStart);
            if (stemLines.Count == 0)
            {
                Issue(heading, "問題文がありません。見出しと答えの間に問題文を書いてください。");
            }
            var question = head.Type switch
            {
                QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.TrueFalse => ReadChoices(heading, answerStart, feedbackStart, head.Type),
                QuestionType.ShortText => ReadTextAnswers(answerStart, feedbackStart),
                QuestionType.Numeric => ReadNumericAnswers(answerStart, feedbackStart),
                _ => ReadPairs(heading, answerStart, feedbackStart),
            };
            var feedback = ReadFeedback(feedbackStart, end);
            if (issues.Count > countBefore || question is null)
            {
                return null;
            }
            return question with
            {
                Id = head.Id,
                Title = head.Title,
                Points = head.Points,
                Stem = renderer.Markdown(string.Join('\n', stemLines.Select(i => lines[i])).Trim(), stemLines[0] + 1),
                Feedback = feedback,
            };
        }

        private int FindAnswerStart(int from, int end, QuestionType type)
        {
            var inFence = false;
            for (var i = from; i < end; i++)
            {
                if (IsFence(lines[i]))
                {
                    inFence = !inFence;
                    continue;
                }
                if (inFence)
                {
                    continue;
                }
                var found = type switch
                {
                    QuestionType.ShortText or QuestionType.Numeric => AnswerLine().IsMatch(lines[i]),
                    QuestionType.Matching => PairLine().IsMatch(lines[i]),
                    _ => TaskItem().IsMatch(lines[i]),
                };
                if (found)
                {
                    return i;
                }
            }
            return -1;
        }

        private sealed record Item(int Line, bool Checked, List<string> Text, List<string> Feedback, int FeedbackLine);

        private Question? ReadChoices(int heading, int start, int end, QuestionType type)
        {
            var items = new List<Item>();
            for (var i = start; i < end; i++)
            {
                var line = lines[i];
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                if (TaskItem().Match(line) is { Success: true } item)
                {
                    items.Add(new Item(i, item.Groups[1].Value != " ", [item.Groups[2].Value.Trim()], [], 0));
                }
                else if (items.Count > 0 && OptionFeedback().Match(line) is { Success: true } quote)
                {
                    var current = items[^1];
                    if (current.Feedback.Count == 0)
                    {
                        items[^1] = current = current with { FeedbackLine = i };
                    }
                    current.Feedback.Add(quote.Groups[1].Value);
                }
                else if (items.Count > 0 && line.StartsWith("  ", StringComparison.Ordinal))
                {
                    (items[^1].Feedback.Count > 0 ? items[^1].Feedback : items[^1].Text).Add(line.Trim());
                }
                else
                {
                    Issue(i, "選択肢の並びの中に読み取れない行があります。選択肢は「- [ ] …」「- [x] …」、選択肢ごとの解説はその下に「  > …」で書きます。");
                }
            }
            var correct = items.Count(c => c.Checked);
            switch (type)
            {
                case QuestionType.TrueFalse:
                    if (items.Count != 2 || items[0].Text[0] != TrueText || items[1].Text[0] != FalseText || items.Any(x => x.Text.Count > 1))
                    {
                        Issue(start, "truefalse の答えは「- [ ] 正しい」「- [ ] 誤り」の2行（正しい が先）にし、正解の方に [x] を付けてください。");
                        return null;
                    }
                    if (correct != 1)
                    {
                        Issue(start, "truefalse は「正しい」「誤り」のどちらか1つだけに [x] を付けてください。");
                        return null;
                    }
                    break;
                case QuestionType.SingleChoice when correct == 0:
                case QuestionType.MultipleChoice when correct == 0:
                    Issue(start, "正解（[x]）がありません。正解の選択肢に [x] を付けてください。");
                    return null;
                case QuestionType.SingleChoice when correct != 1:
                    Issue(start, $"single（択一）の問題は正解（[x]）をちょうど1つにしてください（今は {correct} 個）。複数の正解があるなら type=multiple にします。");
                    return null;
                default:
                    if (items.Count < 2)
                    {
                        Issue(start, "選択肢は2つ以上書いてください。");
                        return null;
                    }
                    break;
            }
            foreach (var empty in items.Where(x => string.Join("", x.Text).Length == 0))
            {
                Issue(empty.Line, "選択肢の文がありません。");
            }
            var weights = type == QuestionType.MultipleChoice
                ? QuizRules.EqualShares([.. items.Select(x => x.Checked)])
                : [.. items.Select(x => x.Checked ? 100m : 0m)];
            var choices = items.Select((x, n) => new Choice(
                type == QuestionType.TrueFalse ? (n == 0 ? "true" : "false") : (n + 1).ToString(CultureInfo.InvariantCulture),
                renderer.Markdown(string.Join('\n', x.Text), x.Line + 1, inline: true),
                x.Checked,
                weights[n],
                x.Feedback.Count > 0 ? renderer.Markdown(string.Join('\n', x.Feedback).Trim(), x.FeedbackLine + 1) : null)).ToList();
            return Blank(type) with { Choices = choices };
        }

        private Question? ReadTextAnswers(int start, int end)
        {
            var answers = new List<AcceptedAnswer>();
            foreach (var (i, value) in AnswerValues(start, end))
            {
                if (answers.Any(a => a.Text == value))
                {
                    Issue(i, $"答え「{value}」が重複しています。");
                }
                answers.Add(new AcceptedAnswer(value));
            }
            return Blank(QuestionType.ShortText) with { AcceptedAnswers = answers };
        }

        private Question? ReadNumericAnswers(int start, int end)
        {
            var answers = new List<NumericAnswer>();
            foreach (var (i, value) in AnswerValues(start, end))
            {
                var match = NumericAnswer().Match(value);
                if (!match.Success)
                {
                    Issue(i, $"数値の答え「{value}」を読み取れません。「答え: 30」または「答え: 30 ± 2」のように半角数字で書いてください。");
                    continue;
                }
                var tolerance = match.Groups[2].Success ? decimal.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0m;
                answers.Add(new NumericAnswer(decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), tolerance));
            }
            return Blank(QuestionType.Numeric) with { NumericAnswers = answers };
        }

        private List<(int Line, string Value)> AnswerValues(int start, int end)
        {
            var values = new List<(int, string)>();
            for (var i = start; i < end; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }
                var match = AnswerLine().Match(lines[i]);
                if (!match.Success)
                {
                    Issue(i, "答えの行の間に読み取れない行があります。答えは1行に1つ「答え: …」の形で書きます。");
                }
                else if (match.Groups[1].Value.Trim().Length == 0)
                {
                    Issue(i, "答えが空です。「答え: 」の後に答えを書いてください。");
                }
                else
                {
                    values.Add((i, match.Groups[1].Value.Trim()));
                }
            }
            return values;
        }

        private Question? ReadPairs(int heading, int start, int end)
        {
            var pairs = new List<MatchingPair>();
            for (var i = start; i < end; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }
                var match = PairLine().Match(lines[i]);
                if (!match.Success || match.Groups[1].Value.Trim().Length == 0 || match.Groups[2].Value.Trim().Length == 0)
                {
                    Issue(i, "組合せは1行に1組「- 左 → 右」の形で書いてください（→ の前後は空白）。");
                    continue;
                }
                var pair = new MatchingPair(match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim());
                if (pairs.Any(p => p.Left == pair.Left))
                {
                    Issue(i, $"組合せの左側「{pair.Left}」が重複しています。");
                }
                if (pairs.Any(p => p.Right == pair.Right))
                {
                    Issue(i, $"組合せの右側「{pair.Right}」が重複しています。左右とも重複しないようにしてください。");
                }
                pairs.Add(pair);
            }
            if (pairs.Count < 2)
            {
                Issue(start, $"matching（組合せ）の問題には2組以上の組合せが必要です（今は {pairs.Count} 組）。");
            }
            return Blank(QuestionType.Matching) with { Pairs = pairs };
        }

        private QuizText? ReadFeedback(int start, int end)
        {
            if (start >= end)
            {
                return null;
            }
            var body = new List<string>();
            var i = start;
            for (; i < end && !string.IsNullOrWhiteSpace(lines[i]); i++)
            {
                body.Add(BlockquotePrefix().Replace(lines[i], ""));
            }
            for (; i < end; i++)
            {
                if (!string.IsNullOrWhiteSpace(lines[i]))
                {
                    Issue(i, "解説（> **解説** …）の後に読み取れない行があります。解説は問題の最後に書き、次の問題は「## 」の見出しで始めます。");
                    break;
                }
            }
            body[0] = body[0].TrimStart()["**解説**".Length..].TrimStart();
            var source = string.Join('\n', body).Trim();
            return source.Length == 0 ? null : renderer.Markdown(source, start + 1);
        }

        private List<int> TrimBlank(int from, int to)
        {
            var indexes = Enumerable.Range(from, Math.Max(0, to - from)).ToList();
            while (indexes.Count > 0 && string.IsNullOrWhiteSpace(lines[indexes[0]]))
            {
                indexes.RemoveAt(0);
            }
            while (indexes.Count > 0 && string.IsNullOrWhiteSpace(lines[indexes[^1]]))
            {
                indexes.RemoveAt(indexes.Count - 1);
            }
            return indexes;
        }

        private static Question Blank(QuestionType type) => new() { Id = "", Title = "", Type = type, Stem = new QuizText("", "") };

        private static bool IsFence(string line)
        {
            var trimmed = line.TrimStart();
            return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
        }
    }

    internal sealed class QuizYaml
    {
        public int? PassMark { get; set; }
        public int? Attempts { get; set; }
        public int? TimeLimitMinutes { get; set; }
        public int? Draw { get; set; }
        public bool? Shuffle { get; set; }
    }

    [GeneratedRegex(@"^##\s")]
    private static partial Regex QuestionHeading();

    [GeneratedRegex(@"^##\s+(?<title>.*?)\s*\{(?<attrs>[^{}]*)\}\s*$")]
    private static partial Regex HeadingWithAttributes();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex QuestionId();

    [GeneratedRegex(@"^[-*+] \[([ xX])\](?:\s+(.*))?$")]
    private static partial Regex TaskItem();

    [GeneratedRegex(@"^ {2,}>\s?(.*)$")]
    private static partial Regex OptionFeedback();

    [GeneratedRegex(@"^答え\s*[:：]\s*(.*)$")]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"^(-?[0-9]+(?:\.[0-9]+)?)(?:\s*±\s*([0-9]+(?:\.[0-9]+)?))?$")]
    private static partial Regex NumericAnswer();

    [GeneratedRegex(@"^[-*+] (.*?)\s*→\s*(.*)$")]
    private static partial Regex PairLine();

    [GeneratedRegex(@"^>\s*\*\*解説\*\*")]
    private static partial Regex FeedbackStart();

    [GeneratedRegex(@"^\s*>\s?")]
    private static partial Regex BlockquotePrefix();
}
