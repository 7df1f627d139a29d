using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// Reads Moodle GIFT (<c>quiz.gift</c> or an uploaded question bank) the way Moodle's own importer does:
/// questions separated by blank lines; <c>//</c> comments; <c>::title::</c>; <c>[html]</c>/<c>[markdown]</c>/
/// <c>[plain]</c>/<c>[moodle]</c>; escapes <c>\~ \= \# \{ \} \: \\ \n</c>; <c>$CATEGORY:</c>; answers
/// <c>{=right ~wrong}</c>, weights <c>~%50%</c>, <c>{T}</c>/<c>{FALSE}</c>, short answers <c>{=a =b}</c>, numbers
/// <c>{#3.14:0.01}</c> and <c>{#1..5}</c>, matching <c>{=a -> 1}</c>, feedback <c>#…</c> and general feedback
/// <c>####…</c>; the blank of the missing-word form becomes 「_____」 in the stem. Moodle 4.x metadata comments
/// <c>// [id:…]</c> and <c>// [tag:…]</c> give the question id and tags; our own <c>// [points:2]</c> and the quiz
/// settings <c>// [pass_mark:80] [attempts:3] [time_limit_minutes:20] [draw:10] [shuffle:true]</c> are comments
/// to Moodle. What we cannot take (essay, description, several blanks, matching distractors, numeric
/// catch-all feedback) is reported with its line. docs/content-format.md 「GIFT（quiz.gift）」.
/// </summary>
public sealed partial class GiftParser(CourseMarkdown markdown)
{
    public const string FileName = "quiz.gift";

    /// <summary>What Moodle puts where the answer of a missing-word question was, as Markdown.</summary>
    public const string BlankMarkdown = @"\_\_\_\_\_";

    // Escaped characters are replaced by private-use placeholders before the structure is read (as Moodle does).
    private const char Backslash = '\uE000';
    private const char Colon = '\uE001';
    private const char Hash = '\uE002';
    private const char EqualsSign = '\uE003';
    private const char OpenBrace = '\uE004';
    private const char CloseBrace = '\uE005';
    private const char Tilde = '\uE006';
    private const char NewLine = '\uE007';

    private static readonly string[] SettingKeys = ["pass_mark", "attempts", "time_limit_minutes", "draw", "shuffle"];

    public QuizParseResult Parse(string text, string fileLabel, MarkdownContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var issues = new List<ContentIssue>();
        var renderer = new QuizTextRenderer(markdown, (context ?? QuizTextRenderer.StandaloneContext(fileLabel)) with { FileLabel = fileLabel }, issues);
        var reader = new Reader(fileLabel, renderer, issues);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            var blank = i == lines.Length || string.IsNullOrWhiteSpace(lines[i]);
            if (!blank && start < 0)
            {
                start = i;
            }
            else if (blank && start >= 0)
            {
                reader.ReadBlock(start, lines[start..i]);
                start = -1;
            }
        }
        var questions = reader.Finish();
        if (reader.QuestionCount == 0 && issues.Count == 0)
        {
            issues.Add(new(fileLabel, 0, "問題が1つもありません。"));
        }
        var definition = QuizRules.Build(reader.Settings(), questions, fileLabel, reader.SettingLine, issues);
        return issues.Count == 0 ? new QuizParseResult(definition, issues) : new QuizParseResult(null, issues);
    }

    private sealed class Reader(string label, QuizTextRenderer renderer, List<ContentIssue> issues)
    {
        private readonly List<(Question Question, bool DerivedId, int Line)> _questions = [];
        private readonly Dictionary<string, int> _explicitIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Value, int Line)> _settings = new(StringComparer.Ordinal);
        private string? _category;

        public int QuestionCount { get; private set; }

        private void Issue(int line, string message) => issues.Add(new(label, line, message));

        public int SettingLine(string key) => _settings.TryGetValue(key, out var s) ? s.Line : 0;

        public QuizSettings Settings() => new(Int("pass_mark"), Int("attempts"), Int("time_limit_minutes"), Int("draw"), Bool("shuffle"));

        private int? Int(string key)
        {
            if (!_settings.TryGetValue(key, out var setting))
            {
                return null;
            }
            if (int.TryParse(setting.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            Issue(setting.Line, $"[{key}:{setting.Value}] の値を読み取れません。整数で書いてください。");
            return null;
        }

        private bool? Bool(string key)
        {
            if (!_settings.TryGetValue(key, out var setting))
            {
                return null;
            }
            if (bool.TryParse(setting.Value, out var value))
            {
                return value;
            }
            Issue(setting.Line, $"[{key}:{setting.Value}] の値を読み取れません。true か false で書いてください。");
            return null;
        }

        /// <summary>One block of lines between blank lines: comments, a $CATEGORY, a question, or a mix.</summary>
        public void ReadBlock(int startIndex, string[] lines)
        {
            string? id = null;
            var idLine = 0;
            var tags = new List<string>();
            int? points = null;
            var text = new StringBuilder();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    foreach (Match meta in Metadata().Matches(line))
                    {
                        var (key, value, lineNumber) = (meta.Groups[1].Value, meta.Groups[2].Value.Trim(), startIndex + i + 1);
                        switch (key)
                        {
                            case "id":
                                (id, idLine) = (value, lineNumber);
                                break;
                            case "tag" when value.Length > 0 && !tags.Contains(value):
                                tags.Add(value);
                                break;
                            case "points" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1:
                                points = p;
                                break;
                            case "points":
                                Issue(lineNumber, $"[points:{value}] の配点は1以上の整数で書いてください。");
                                break;
                            default:
                                if (SettingKeys.Contains(key))
                                {
                                    _settings[key] = (value, lineNumber);
                                }
                                break;
                        }
                    }
                    line = "";
                }
                text.Append(line).Append('\n');
            }
            var raw = Escape(text.ToString());
            var firstLine = startIndex + 1;
            var pos = SkipSpace(raw, 0);
            if (raw.AsSpan(pos).StartsWith("$CATEGORY:"))
            {
                var end = raw.IndexOf('\n', pos);
                _category = Unescape(raw[(pos + "$CATEGORY:".Length)..end]).Trim();
                pos = SkipSpace(raw, end);
            }
            if (pos >= raw.Length)
            {
                if (id is not null)
                {
                    Issue(idLine, "[id:…] の後に問題がありません。メタデータのコメントは問題の直前（空行をはさまずに）書きます。");
                }
                return;
            }
            QuestionCount++;
            if (id is not null && id.Length == 0)
            {
                Issue(idLine, "[id:] の問題IDが空です。");
            }
            else if (id is not null && !_explicitIds.TryAdd(id, idLine))
            {
                Issue(idLine, $"問題ID「{id}」が重複しています（{_explicitIds[id]} 行目と同じです）。");
            }
            var question = ReadQuestion(raw, pos, firstLine);
            if (question is null)
            {
                return;
            }
            _questions.Add((question with
            {
                Id = id ?? "",
                Points = points ?? 1,
                Tags = tags,
                Category = _category,
            }, id is null, LineAt(raw, pos, firstLine)));
        }

        /// <summary>Gives questions without [id:] an id from their title (stable when questions move), unique in the file.</summary>
        public List<Question> Finish()
        {
            var used = _questions.Where(q => !q.DerivedId).Select(q => q.Question.Id).ToHashSet(StringComparer.Ordinal);
            var result = new List<Question>();
            foreach (var (question, derived, _) in _questions)
            {
                if (!derived)
                {
                    result.Add(question);
                    continue;
                }
                var baseId = DerivedId(question.Title);
                var candidate = baseId;
                for (var n = 2; !used.Add(candidate); n++)
                {
                    candidate = $"{baseId}-{n}";
                }
                result.Add(question with { Id = candidate });
            }
            return result;
        }

        private Question? ReadQuestion(string raw, int pos, int firstLine)
        {
            var line = LineAt(raw, pos, firstLine);
            string? title = null;
            if (raw.AsSpan(pos).StartsWith("::"))
            {
                var close = raw.IndexOf("::", pos + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    Issue(line, "問題名の「::」が閉じられていません（::問題名:: の形で書きます）。");
                    return null;
                }
                title = Unescape(raw[(pos + 2)..close]).Trim();
                pos = close + 2;
            }
            var open = raw.IndexOf('{', pos);
            var closeBrace = raw.IndexOf('}', pos);
            if (open < 0 && closeBrace < 0)
            {
                Issue(line, "GIFT の説明文（答えのない項目）には対応していません。問題には {…} で答えを書いてください。");
                return null;
            }
            if (open < 0 || closeBrace < open)
            {
                Issue(LineAt(raw, open < 0 ? closeBrace : open, firstLine), "答えの「{」と「}」が対応していません。文中の { } は \\{ \\} と書きます。");
                return null;
            }
            var after = raw[(closeBrace + 1)..];
            if (after.Contains('{', StringComparison.Ordinal) || after.Contains('}', StringComparison.Ordinal))
            {
                Issue(LineAt(raw, closeBrace + 1 + after.IndexOfAny(['{', '}']), firstLine),
                    "1つの問題に答えの {…} が2つ以上あります。GIFT の複数の空欄には対応していません。");
                return null;
            }
            var (stemFormat, stemSource) = SplitFormat(raw[pos..open].TrimStart());
            if (!string.IsNullOrWhiteSpace(after))
            {
                stemSource = stemSource + (stemFormat == QuizTextFormat.Html ? "_____" : BlankMarkdown) + after;
            }
            var stem = stemSource.Trim();
            if (stem.Length == 0)
            {
                Issue(line, "問題文がありません。");
                return null;
            }
            var answerLine = LineAt(raw, open, firstLine);
            var answers = raw[(open + 1)..closeBrace];
            QuizText? general = null;
            var generalAt = answers.LastIndexOf("####", StringComparison.Ordinal);
            if (generalAt >= 0)
            {
                general = Text(answers[(generalAt + 4)..], stemFormat, LineAt(raw, open + 1 + generalAt, firstLine));
                answers = answers[..generalAt];
            }
            var body = new AnswerBlock(raw, open + 1, answers.Trim().Length == 0 ? "" : answers, firstLine, stemFormat);
            var countBefore = issues.Count;
            var question = ReadAnswers(body, answerLine);
            if (question is null || issues.Count > countBefore)
            {
                return null;
            }
            var stemText = renderer.Render(Unescape(stem), stemFormat, line);
            return question with
            {
                Title = title is { Length: > 0 } ? title : DefaultTitle(stemText.Html),
                Stem = stemText,
                Feedback = general,
            };
        }

        private sealed record AnswerBlock(string Raw, int Offset, string Text, int FirstLine, QuizTextFormat Format);

        private sealed record Segment(char Marker, string Text, int Line);

        private Question? ReadAnswers(AnswerBlock block, int line)
        {
            var answers = block.Text.Trim();
            if (answers.Length == 0)
            {
                Issue(line, "GIFT の記述式（essay）には対応していません。");
                return null;
            }
            if (answers[0] == '#')
            {
                return ReadNumeric(block, line);
            }
            if (answers.Contains('~', StringComparison.Ordinal))
            {
                return ReadChoices(block, line);
            }
            if (answers.Contains('=', StringComparison.Ordinal) && answers.Contains("->", StringComparison.Ordinal))
            {
                return ReadMatching(block, line);
            }
            var hash = answers.IndexOf('#', StringComparison.Ordinal);
            var trueFalse = hash > 0 ? answers[..hash].Trim() : answers;
            return trueFalse is "T" or "TRUE" or "F" or "FALSE" ? ReadTrueFalse(block, trueFalse is "T" or "TRUE") : ReadShortText(block, line);
        }

        /// <summary>Splits the answers at the marker characters, keeping each marker; text before the first marker is returned with marker '\0'.</summary>
        private List<Segment> Split(AnswerBlock block, string markers)
        {
            var segments = new List<Segment>();
            var start = 0;
            var marker = '\0';
            for (var i = 0; i <= block.Text.Length; i++)
            {
                if (i < block.Text.Length && !markers.Contains(block.Text[i], StringComparison.Ordinal))
                {
                    continue;
                }
                var piece = block.Text[start..i];
                if (marker != '\0' || piece.Trim().Length > 0)
                {
                    var lead = piece.Length - piece.TrimStart().Length;
                    segments.Add(new Segment(marker, piece.Trim(), LineAt(block.Raw, block.Offset + start + lead, block.FirstLine)));
                }
                if (i < block.Text.Length)
                {
                    marker = block.Text[i];
                    start = i + 1;
                }
            }
            return segments;
        }

        private (decimal? Weight, string Remainder) Weight(Segment segment, decimal min, decimal max)
        {
            if (!segment.Text.StartsWith('%'))
            {
                return (null, segment.Text);
            }
            var match = WeightPattern().Match(segment.Text);
            if (!match.Success)
            {
                Issue(segment.Line, $"重み「{Unescape(segment.Text.Split('%', 3) is [_, var w, _] ? "%" + w + "%" : segment.Text)}」を読み取れません。%50% や %-100% のように書きます。");
                return (null, segment.Text);
            }
            var weight = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (weight < min || weight > max)
            {
                Issue(segment.Line, $"重み {weight}% は使えません。{min}%〜{max}% の範囲で書いてください。");
            }
            return (weight, segment.Text[match.Length..]);
        }

        private (string Text, QuizText? Feedback) SplitFeedback(string text, QuizTextFormat format, int line)
        {
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            return hash < 0 ? (text.Trim(), null) : (text[..hash].Trim(), Text(text[(hash + 1)..], format, line));
        }

        private QuizText? Text(string raw, QuizTextFormat defaultFormat, int line, bool inline = false)
        {
            var (format, source) = SplitFormat(raw.Trim(), defaultFormat);
            source = Unescape(source).Trim();
            return source.Length == 0 ? null : renderer.Render(source, format, line, inline);
        }

        private Question? ReadChoices(AnswerBlock block, int line)
        {
            var segments = Split(block, "~=");
            if (segments.Any(s => s.Marker == '\0'))
            {
                Issue(segments.First(s => s.Marker == '\0').Line, "選択肢は「=」（正解）か「~」（誤り）で始めてください。");
                return null;
            }
            var single = segments.Any(s => s.Marker == '=');
            var choices = new List<Choice>();
            var countBefore = issues.Count;
            foreach (var segment in segments)
            {
                var (weight, rest) = segment.Marker == '=' ? (100m, segment.Text) : Weight(segment, -100, 100);
                var (text, feedback) = SplitFeedback(rest, block.Format, segment.Line);
                var w = weight ?? 0m;
                var choiceText = Text(text, block.Format, segment.Line, inline: true);
                if (choiceText is null)
                {
                    Issue(segment.Line, "選択肢の文がありません。");
                    continue;
                }
                choices.Add(new Choice((choices.Count + 1).ToString(CultureInfo.InvariantCulture), choiceText, single ? w == 100 : w > 0, w, feedback));
            }
            if (choices.Count < 2)
            {
                Issue(line, "選択肢は2つ以上必要です。");
                return null;
            }
            if (!single && issues.Count == countBefore && QuizRules.CheckMultipleWeights(choices.Select(c => c.Weight)) is { } problem)
            {
                Issue(line, problem + "複数選択（= のない選択肢）では、正解の重み（~%50% など）の合計を100%にします。");
                return null;
            }
            return Blank(single ? QuestionType.SingleChoice : QuestionType.MultipleChoice) with { Choices = choices };
        }

        private Question ReadTrueFalse(AnswerBlock block, bool answer)
        {
            var parts = block.Text.Trim().Split('#', 3);
            var line = LineAt(block.Raw, block.Offset, block.FirstLine);
            var wrong = parts.Length > 1 ? Text(parts[1], block.Format, line) : null;
            var right = parts.Length > 2 ? Text(parts[2], block.Format, line) : null;
            return Blank(QuestionType.TrueFalse) with
            {
                Choices =
                [
                    new Choice("true", new QuizText("正しい", "正しい"), answer, answer ? 100 : 0, answer ? right : wrong),
                    new Choice("false", new QuizText("誤り", "誤り"), !answer, answer ? 0 : 100, answer ? wrong : right),
                ],
            };
        }

        private Question? ReadShortText(AnswerBlock block, int line)
        {
            var accepted = new List<AcceptedAnswer>();
            foreach (var segment in Split(block, "="))
            {
                var (weight, rest) = Weight(segment, 0, 100);
                var (text, feedback) = SplitFeedback(rest, block.Format, segment.Line);
                text = Unescape(text).Trim();
                if (text.Length == 0)
                {
                    Issue(segment.Line, "答えが空です。");
                    continue;
                }
                accepted.Add(new AcceptedAnswer(text, weight ?? 100, feedback));
            }
            if (accepted.Count > 0 && !accepted.Any(a => a.Weight == 100))
            {
                Issue(line, "満点（100%）の答えがありません。");
            }
            return Blank(QuestionType.ShortText) with { AcceptedAnswers = accepted };
        }

        private Question? ReadNumeric(AnswerBlock block, int line)
        {
            var hash = block.Text.IndexOf('#', StringComparison.Ordinal);
            block = block with { Text = block.Text[(hash + 1)..], Offset = block.Offset + hash + 1 };
            if (block.Text.Contains('~', StringComparison.Ordinal))
            {
                Issue(line, "数値問題の「それ以外の答え」への解説（~#…）には対応していません。");
                return null;
            }
            var answers = new List<NumericAnswer>();
            var countBefore = issues.Count;
            foreach (var segment in Split(block, "="))
            {
                var (weight, rest) = Weight(segment, 0, 100);
                var (text, feedback) = SplitFeedback(rest, block.Format, segment.Line);
                if (ParseNumber(Unescape(text)) is { } answer)
                {
                    answers.Add(answer with { Weight = weight ?? 100, Feedback = feedback });
                }
                else
                {
                    Issue(segment.Line, $"数値の答え「{Unescape(text)}」を読み取れません。{{#3.14:0.01}}（値:許容誤差）や {{#1..5}}（範囲）の形で書きます。");
                }
            }
            if (answers.Count == 0 && issues.Count == countBefore)
            {
                Issue(line, "数値の答えがありません。");
            }
            else if (answers.Count > 0 && !answers.Any(a => a.Weight == 100))
            {
                Issue(line, "満点（100%）の答えがありません。");
            }
            return Blank(QuestionType.Numeric) with { NumericAnswers = answers };
        }

        private static NumericAnswer? ParseNumber(string text)
        {
            const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
            var range = text.IndexOf("..", 1, StringComparison.Ordinal) is var r and > 0 ? r : -1;
            if (range > 0)
            {
                return decimal.TryParse(text[..range].Trim(), style, CultureInfo.InvariantCulture, out var min)
                    && decimal.TryParse(text[(range + 2)..].Trim(), style, CultureInfo.InvariantCulture, out var max) && min <= max
                    ? new NumericAnswer((min + max) / 2, (max - min) / 2)
                    : null;
            }
            var colon = text.IndexOf(':', 1);
            var value = colon > 0 ? text[..colon] : text;
            var tolerance = colon > 0 ? text[(colon + 1)..] : "0";
            return decimal.TryParse(value.Trim(), style, CultureInfo.InvariantCulture, out var v)
                && decimal.TryParse(tolerance.Trim(), style, CultureInfo.InvariantCulture, out var t) && t >= 0
                ? new NumericAnswer(v, t)
                : null;
        }

        private Question? ReadMatching(AnswerBlock block, int line)
        {
            var pairs = new List<MatchingPair>();
            foreach (var segment in Split(block, "="))
            {
                var arrow = segment.Text.IndexOf("->", StringComparison.Ordinal);
                if (segment.Marker == '\0' || arrow < 0)
                {
                    Issue(segment.Line, "組合せは「=左 -> 右」の形で書きます。");
                    continue;
                }
                var left = Unescape(SplitFormat(segment.Text[..arrow].Trim()).Source).Trim();
                var right = Unescape(segment.Text[(arrow + 2)..]).Trim();
                if (left.Length == 0)
                {
                    Issue(segment.Line, "組合せの右側だけの項目（= -> …、ダミーの選択肢）には対応していません。");
                    continue;
                }
                if (right.Length == 0)
                {
                    Issue(segment.Line, $"組合せ「{left}」の右側がありません。");
                    continue;
                }
                if (pairs.Any(p => p.Left == left))
                {
                    Issue(segment.Line, $"組合せの左側「{left}」が重複しています。");
                }
                pairs.Add(new MatchingPair(left, right));
            }
            if (pairs.Count < 2)
            {
                Issue(line, $"組合せの問題には2組以上の組合せが必要です（今は {pairs.Count} 組）。");
            }
            return Blank(QuestionType.Matching) with { Pairs = pairs };
        }

        private static Question Blank(QuestionType type) => new() { Id = "", Title = "", Type = type, Stem = new QuizText("", "") };
    }

    /// <summary>Reads a leading [html]/[markdown]/[plain]/[moodle]; plain text becomes escaped Markdown.</summary>
    private static (QuizTextFormat Format, string Source) SplitFormat(string text, QuizTextFormat defaultFormat = QuizTextFormat.Markdown)
    {
        var match = FormatPrefix().Match(text);
        if (!match.Success)
        {
            return (defaultFormat, text);
        }
        var rest = text[match.Length..];
        return match.Groups[1].Value switch
        {
            "html" => (QuizTextFormat.Html, rest),
            "plain" => (QuizTextFormat.Markdown, EscapeMarkdown(rest)),
            _ => (QuizTextFormat.Markdown, rest),
        };
    }

    private static string EscapeMarkdown(string plain)
    {
        var result = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '<' or '>' or '~')
            {
                result.Append('\\');
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                char? placeholder = text[i + 1] switch
                {
                    '\\' => Backslash,
                    ':' => Colon,
                    '#' => Hash,
                    '=' => EqualsSign,
                    '{' => OpenBrace,
                    '}' => CloseBrace,
                    '~' => Tilde,
                    'n' => NewLine,
                    _ => null,
                };
                if (placeholder is { } p)
                {
                    result.Append(p);
                    i++;
                    continue;
                }
            }
            result.Append(text[i]);
        }
        return result.ToString();
    }

    private static string Unescape(string text) => text
        .Replace(Backslash, '\\').Replace(Colon, ':').Replace(Hash, '#').Replace(EqualsSign, '=')
        .Replace(OpenBrace, '{').Replace(CloseBrace, '}').Replace(Tilde, '~').Replace(NewLine, '\n');

    private static int SkipSpace(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
        return pos;
    }

    private static int LineAt(string raw, int offset, int firstLine) =>
        firstLine + raw.AsSpan(0, Math.Clamp(offset, 0, raw.Length)).Count('\n');

    private static string DefaultTitle(string html)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    /// <summary>An ASCII title gives a readable slug; any other title a short hash of itself, so the id survives reordering.</summary>
    public static string DerivedId(string title)
    {
        var slug = NonSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 0 && title.All(char.IsAscii))
        {
            return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        }
        return "q-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title)))[..10];
    }

    [GeneratedRegex(@"\[(id|tag|points|pass_mark|attempts|time_limit_minutes|draw|shuffle):([^\]]*)\]")]
    private static partial Regex Metadata();

    [GeneratedRegex(@"^%(-?[0-9]+(?:\.[0-9]+)?)%")]
    private static partial Regex WeightPattern();

    [GeneratedRegex(@"^\[(html|markdown|plain|moodle)\]")]
    private static partial Regex FormatPrefix();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
