using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace Meguro.Learning.Jobs.Mail;

/// <summary>
/// Liquid (Fluid) for mail: one parser and one set of options for the process. Templates are checked
/// when HR saves them (<see cref="Validate"/>), so rendering a stored template at send time only meets
/// text that already parsed; parsed templates are cached by (key, revision).
/// </summary>
public sealed partial class MailTemplateEngine
{
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options = new();
    private readonly ConcurrentDictionary<(string Key, int Revision), (IFluidTemplate Subject, IFluidTemplate Body)> _cache = new();

    public MailTemplateEngine()
    {
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<MailPerson>();
        _options.MemberAccessStrategy.Register<MailCourse>();
        _options.MemberAccessStrategy.Register<MailSite>();
        _options.MemberAccessStrategy.Register<DigestItem>();
        _options.MemberAccessStrategy.Register<LearnerReminderModel>();
        _options.MemberAccessStrategy.Register<ManagerDigestModel>();
        _options.TimeZone = Domain.Jst.Zone;
        _options.CultureInfo = new System.Globalization.CultureInfo("ja-JP");
    }

    /// <summary>2027年3月31日: the form every template receives dates in.</summary>
    public static string FormatDate(DateOnly date) => MailTemplateDefinition.Date(date);

    /// <summary>
    /// Checks subject and body: syntax, filters that exist, and variables the template's model has.
    /// Errors are Japanese, one per problem, with the part (件名/本文) and line.
    /// </summary>
    public bool Validate(string key, string subject, string body, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        var definition = MailTemplateDefaults.Find(key);
        if (string.IsNullOrWhiteSpace(subject))
        {
            found.Add("件名を入力してください。");
        }
        else if (subject.Contains('\n', StringComparison.Ordinal))
        {
            found.Add("件名は1行で入力してください。");
        }
        Check("件名", subject ?? "", definition, found);
        Check("本文", body ?? "", definition, found);
        errors = found;
        return found.Count == 0;
    }

    /// <summary>Renders text that passed <see cref="Validate"/>; the cache key is (key, revision).</summary>
    public RenderedMail Render(string key, int revision, string subject, string body, object model)
    {
        var parsed = _cache.GetOrAdd((key, revision), _ => (Parse(subject), Parse(body)));
        return Render(parsed.Subject, parsed.Body, model);
    }

    /// <summary>Renders unsaved text (preview); the caller has validated it.</summary>
    public RenderedMail RenderUnsaved(string subject, string body, object model) =>
        Render(Parse(subject), Parse(body), model);

    private RenderedMail Render(IFluidTemplate subject, IFluidTemplate body, object model)
    {
        var context = new TemplateContext(model, _options);
        // Plain text mail: nothing is HTML-encoded.
        var renderedSubject = subject.Render(context, NullEncoder.Default).ReplaceLineEndings(" ").Trim();
        var renderedBody = body.Render(context, NullEncoder.Default).ReplaceLineEndings("\n").Trim('\n') + "\n";
        return new RenderedMail(renderedSubject, renderedBody);
    }

    private IFluidTemplate Parse(string source) =>
        _parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException("テンプレートを解析できません: " + error);

    private void Check(string part, string source, MailTemplateDefinition? definition, List<string> errors)
    {
        if (!_parser.TryParse(source, out var template, out var error))
        {
            errors.Add(DescribeParseError(part, error));
            return;
        }
        var usage = new TemplateUsage();
        usage.VisitTemplate(template);
        foreach (var filter in usage.Filters.Where(f => !_options.Filters.TryGetValue(f, out _)).Distinct())
        {
            errors.Add($"{part} {LineOf(source, filter)}行目: フィルター「{filter}」はありません。");
        }
        if (definition is null)
        {
            return;
        }
        foreach (var root in usage.Roots.Where(r => !definition.Roots.Contains(r) && !usage.Defined.Contains(r) && r != "forloop").Distinct())
        {
            errors.Add($"{part} {LineOf(source, root)}行目: 変数「{root}」は使えません（使える変数: {string.Join("、", definition.Variables)}）。");
        }
    }

    /// <summary>Fluid reports positions as "(line:column)"; HR sees the line in Japanese.</summary>
    private static string DescribeParseError(string part, string error)
    {
        var match = PositionPattern().Match(error ?? "");
        var where = match.Success ? $"{part} {match.Groups[1].Value}行目" : part;
        return $"{where}: テンプレートの書き方に誤りがあります（{error}）。";
    }

    private static int LineOf(string source, string word)
    {
        var index = source.IndexOf(word, StringComparison.Ordinal);
        return index < 0 ? 1 : source[..index].Count(c => c == '\n') + 1;
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    /// <summary>Collects the filters and variable roots a template uses, and the names it defines itself.</summary>
    private sealed class TemplateUsage : AstVisitor
    {
        public List<string> Filters { get; } = [];
        public List<string> Roots { get; } = [];
        public HashSet<string> Defined { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Filters.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment root)
            {
                Roots.Add(root.Identifier);
            }
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Defined.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Defined.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Defined.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }
    }
}
