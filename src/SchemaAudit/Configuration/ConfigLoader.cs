using SchemaAudit.Analysis;
using SchemaAudit.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SchemaAudit.Configuration;

/// <summary>
/// Finds and reads <c>.schema-audit.yml</c>. Every mistake is reported as a
/// <see cref="ConfigurationException"/> whose message starts with <c>file:line:col:</c>,
/// because a typo in a rule id silently ignored is a check silently switched off.
/// </summary>
/// <example>
/// <code>
/// rules:
///   no-soft-delete: off
///   fk-missing-index: { severity: suggestion }
/// severity:
///   relationship-lazy-default: suggestion
/// exclude:
///   - "migrations/**"
/// fail-on: warning
/// </code>
/// </example>
public static class ConfigLoader
{
    private static readonly string[] s_topLevelKeys = ["rules", "severity", "exclude", "fail-on"];
    private static readonly string[] s_ruleSettingKeys = ["enabled", "severity"];

    /// <summary>
    /// The configuration for auditing <paramref name="auditedPath"/>: <paramref name="explicitPath"/>
    /// when given, else the nearest configuration file at or above it, else the defaults.
    /// </summary>
    /// <param name="displayPath">Turns a full path into the form shown in messages.</param>
    public static AuditConfig Load(string auditedPath, string? explicitPath = null, Func<string, string>? displayPath = null)
    {
        displayPath ??= p => p;
        if (explicitPath is not null)
        {
            if (!File.Exists(explicitPath))
                throw new ConfigurationException($"{displayPath(explicitPath)}: configuration file not found");
            return LoadFile(explicitPath, displayPath(explicitPath));
        }
        var found = FindUpward(auditedPath);
        return found is null ? AuditConfig.Default : LoadFile(found, displayPath(found));
    }

    /// <summary>
    /// The nearest <c>.schema-audit.yml</c> (or <c>.yaml</c>) in the directory of
    /// <paramref name="auditedPath"/> or any directory above it, up to the filesystem root.
    /// </summary>
    public static string? FindUpward(string auditedPath)
    {
        var full = Path.GetFullPath(auditedPath);
        var dir = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
        for (; dir is not null; dir = dir.Parent)
        {
            foreach (var name in AuditConfig.FileNames)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static AuditConfig LoadFile(string path, string? displayPath = null)
    {
        displayPath ??= path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{displayPath}: cannot read the configuration file: {ex.Message}", ex);
        }
        return Parse(text, path, displayPath);
    }

    /// <summary>Parses configuration text; <paramref name="sourcePath"/> anchors the exclude patterns.</summary>
    public static AuditConfig Parse(string text, string? sourcePath, string displayPath)
    {
        var config = new AuditConfig { SourcePath = sourcePath, DisplayPath = sourcePath is null ? null : displayPath };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{displayPath}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML: {InnermostMessage(ex)}", ex);
        }

        if (stream.Documents.Count == 0) return config;
        if (stream.Documents.Count > 1)
            throw Error(displayPath, stream.Documents[1].RootNode, "expected a single YAML document");
        var reader = new Reader(displayPath);
        reader.ReadRoot(stream.Documents[0].RootNode, config);
        return config;
    }

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.Message;
    }

    private static ConfigurationException Error(string displayPath, YamlNode node, string message) =>
        new($"{displayPath}:{node.Start.Line}:{node.Start.Column}: {message}");

    /// <summary>Walks the document; one method per section.</summary>
    private sealed class Reader(string displayPath)
    {
        private readonly HashSet<string> _ruleIds = new(RuleRegistry.AllMetadata.Select(m => m.Id), StringComparer.Ordinal);

        public void ReadRoot(YamlNode root, AuditConfig config)
        {
            if (IsNull(root)) return;
            if (root is not YamlMappingNode mapping)
                throw Fail(root, "expected a mapping with `rules`, `severity`, `exclude` or `fail-on`");
            foreach (var (keyNode, value) in mapping.Children)
            {
                switch (KeyOf(keyNode))
                {
                    case "rules": ReadRules(value, config); break;
                    case "severity": ReadSeverities(value, config); break;
                    case "exclude": ReadExclude(value, config); break;
                    case "fail-on": ReadFailOn(value, config); break;
                    case var other:
                        throw Fail(keyNode, $"unknown setting `{other}`{NameSuggestions.DidYouMean(other, s_topLevelKeys)}; "
                            + "expected `rules`, `severity`, `exclude` or `fail-on`");
                }
            }
        }

        private void ReadRules(YamlNode node, AuditConfig config)
        {
            if (IsNull(node)) return;
            if (node is not YamlMappingNode mapping)
                throw Fail(node, "expected a mapping of rule ids to on/off");
            foreach (var (keyNode, value) in mapping.Children)
            {
                var id = RuleId(keyNode);
                switch (value)
                {
                    case YamlScalarNode scalar when TryParseSwitch(scalar.Value, out var on):
                        config.Rules[id] = on;
                        break;
                    case YamlScalarNode scalar when SeverityExtensions.TryParse(scalar.Value ?? "", out var severity):
                        config.Rules[id] = true;
                        config.Severities[id] = severity;
                        break;
                    case YamlMappingNode settings:
                        ReadRuleSettings(id, settings, config);
                        break;
                    default:
                        throw Fail(value, $"expected on/off, a severity, or {{ severity: ... }} for rule `{id}`, found {Describe(value)}");
                }
            }
        }

        private void ReadRuleSettings(string id, YamlMappingNode settings, AuditConfig config)
        {
            foreach (var (keyNode, value) in settings.Children)
            {
                switch (KeyOf(keyNode))
                {
                    case "enabled":
                        if (value is not YamlScalarNode s || !TryParseSwitch(s.Value, out var on))
                            throw Fail(value, $"expected on/off for `enabled` of rule `{id}`, found {Describe(value)}");
                        config.Rules[id] = on;
                        break;
                    case "severity":
                        config.Severities[id] = Severity(value, id);
                        break;
                    case var other:
                        throw Fail(keyNode, $"unknown setting `{other}` for rule `{id}`{NameSuggestions.DidYouMean(other, s_ruleSettingKeys)}; expected `enabled` or `severity`");
                }
            }
        }

        private void ReadSeverities(YamlNode node, AuditConfig config)
        {
            if (IsNull(node)) return;
            if (node is not YamlMappingNode mapping)
                throw Fail(node, "expected a mapping of rule ids to severities (critical, warning, suggestion, info)");
            foreach (var (keyNode, value) in mapping.Children)
            {
                var id = RuleId(keyNode);
                config.Severities[id] = Severity(value, id);
            }
        }

        private void ReadExclude(YamlNode node, AuditConfig config)
        {
            if (IsNull(node)) return;
            IEnumerable<YamlNode> items = node switch
            {
                YamlSequenceNode sequence => sequence.Children,
                YamlScalarNode scalar => [scalar],
                _ => throw Fail(node, "expected a list of glob patterns"),
            };
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { Length: > 0 } pattern } || string.IsNullOrWhiteSpace(pattern))
                    throw Fail(item, $"expected a glob pattern (a non-empty string), found {Describe(item)}");
                config.Exclude.Add(pattern.Trim());
            }
        }

        private void ReadFailOn(YamlNode node, AuditConfig config)
        {
            if (node is not YamlScalarNode scalar || !FailOn.TryParse(scalar.Value, out var failOn))
                throw Fail(node, $"expected one of {string.Join(", ", FailOn.Names)} for `fail-on`, found {Describe(node)}");
            config.FailOn = failOn;
        }

        private string RuleId(YamlNode keyNode)
        {
            var id = KeyOf(keyNode);
            if (!_ruleIds.Contains(id))
                throw Fail(keyNode, $"unknown rule id `{id}`{NameSuggestions.DidYouMean(id, _ruleIds)}");
            return id;
        }

        private Severity Severity(YamlNode value, string id)
        {
            if (value is YamlScalarNode { Value: { } text } && SeverityExtensions.TryParse(text, out var severity))
                return severity;
            throw Fail(value, $"expected a severity (critical, warning, suggestion, info) for rule `{id}`, found {Describe(value)}");
        }

        private string KeyOf(YamlNode keyNode) =>
            keyNode is YamlScalarNode { Value: { } key } ? key : throw Fail(keyNode, "expected a plain key");

        private ConfigurationException Fail(YamlNode node, string message) => Error(displayPath, node, message);

        /// <summary>YAML 1.1 spells booleans many ways; we accept the common ones.</summary>
        private static bool TryParseSwitch(string? text, out bool on)
        {
            switch (text?.Trim().ToLowerInvariant())
            {
                case "on" or "true" or "yes" or "enabled":
                    on = true;
                    return true;
                case "off" or "false" or "no" or "disabled":
                    on = false;
                    return true;
                default:
                    on = false;
                    return false;
            }
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
            && (s.Value is null or "" or "~" or "null");

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode s when IsNull(s) => "nothing",
            YamlScalarNode s => $"`{s.Value}`",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "an alias",
        };
    }
}
