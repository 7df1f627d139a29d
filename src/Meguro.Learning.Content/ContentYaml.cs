using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Meguro.Learning.Content;

/// <summary>
/// Reads a YAML content file node by node, so that every problem can name the line it is on
/// (the object deserializer only knows the line of a syntax error). Problems are collected in
/// <see cref="Issues"/> rather than thrown, so an author sees all of them at once.
/// </summary>
internal sealed class ContentYaml(string fileLabel)
{
    public string FileLabel { get; } = fileLabel;

    public List<ContentIssue> Issues { get; } = [];

    /// <summary>The top-level mapping, or null (with an issue) when the text is not YAML or not a mapping.</summary>
    public YamlMappingNode? Root(string yaml, string whatToWrite)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex) when (ex.Message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            Error((int)ex.Start.Line, $"「{ex.Message["Duplicate key ".Length..].Trim()}」が2回書かれています。");
            return null;
        }
        catch (YamlException ex)
        {
            Error((int)ex.Start.Line, $"YAML を読み取れません（{(ex.InnerException ?? ex).Message}）。");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way (without a position) on some text cut off inside brackets.
            Error(0, "YAML を読み取れません（[ ] や { } 、引用符が閉じられていないようです）。");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(1, $"ファイルが空か、形が違います。{whatToWrite}");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            Error((int)stream.Documents[1].RootNode.Start.Line, "1つのファイルに書けるのは1つの YAML 文書だけです（「---」で区切らないでください）。");
        }
        return root;
    }

    public void Error(int line, string message) => Issues.Add(new ContentIssue(FileLabel, line, message));

    public void Error(YamlNode node, string message) => Error((int)node.Start.Line, message);

    /// <summary>The values of a mapping by key; a key not in <paramref name="allowed"/> or written twice is an issue.</summary>
    public Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"「{key}」という項目は使えません（使えるのは {string.Join("、", allowed)}）。");
            }
            else if (!fields.TryAdd(key, value))
            {
                Error(keyNode, $"「{key}」が2回書かれています。");
            }
        }
        return fields;
    }

    /// <summary>The text of a scalar, trimmed; null for a missing or empty value, an issue for a list or mapping.</summary>
    public string? Text(Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"{key} には1つの値を書いてください。");
            return null;
        }
        return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
    }

    /// <summary>A whole number, or null when absent; an issue when it is something else or below <paramref name="minimum"/>.</summary>
    public int? Integer(Dictionary<string, YamlNode> fields, string key, int minimum, string meaning)
    {
        var text = Text(fields, key);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            Error(fields[key], $"{key}（{meaning}）は {minimum} 以上の整数で書いてください（「{text}」は使えません）。");
            return null;
        }
        return value;
    }

    /// <summary><c>true</c> or <c>false</c>; <paramref name="fallback"/> when absent.</summary>
    public bool Boolean(Dictionary<string, YamlNode> fields, string key, bool fallback)
    {
        var text = Text(fields, key);
        switch (text)
        {
            case null:
                return fallback;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(fields[key], $"{key} は true か false で書いてください（「{text}」は使えません）。");
                return fallback;
        }
    }

    /// <summary>The items of a list of scalars (block or <c>[a, b]</c>), each with its node for line numbers.</summary>
    public List<YamlScalarNode> Scalars(Dictionary<string, YamlNode> fields, string key, string example)
    {
        if (!fields.TryGetValue(key, out var node) || node is YamlScalarNode { Value: null or "" })
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{key} はリストで書いてください（例: {key}: {example}）。");
            return [];
        }
        var items = new List<YamlScalarNode>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                items.Add(scalar);
            }
            else
            {
                Error(item, $"{key} の各項目には1つの値を書いてください（例: {key}: {example}）。");
            }
        }
        return items;
    }

    /// <summary>The items of a list of mappings, or an empty list with an issue.</summary>
    public List<YamlMappingNode> Mappings(YamlNode node, string key, string howToWrite)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{key} はリストで書いてください。{howToWrite}");
            return [];
        }
        var items = new List<YamlMappingNode>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
            {
                items.Add(mapping);
            }
            else
            {
                Error(item, $"{key} の項目の形が違います。{howToWrite}");
            }
        }
        return items;
    }

    public static int LineOf(YamlNode node) => (int)node.Start.Line;
}
