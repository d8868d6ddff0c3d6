using SchemaAudit.Analysis;
using SchemaAudit.Discovery;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>Runs one rule over in-memory sources (every view they feed) and checks the language of its advice.</summary>
internal static class FixAudit
{
    // Python syntax that must never reach a SQL or Drizzle user.
    private static readonly string[] s_pythonTokens =
    [
        "ondelete=", "mapped_column", "index=True", "nullable=", "Mapped[", "server_default", "__table_args__", "ForeignKey(\"",
        "UniqueConstraint(\"", "postgresql_", "func.now", "primary_key=True", "Column(",
    ];

    // TypeScript/Drizzle syntax that must never reach a SQL or Python user.
    private static readonly string[] s_drizzleTokens = [".notNull()", "onDelete:", ".references(", "$type<", ".on(t.", "pgTable", "$onUpdate"];

    public static IReadOnlyList<Finding> Run(string ruleId, string path, string text)
    {
        var rule = RuleRegistry.Find(ruleId) ?? throw new ArgumentException($"no rule {ruleId}", nameof(ruleId));
        var views = AuditRunner.BuildViews([new SourceFile("/project/" + path, path, text)]);
        var diagnostics = views.SelectMany(v => v.Diagnostics).ToList();
        Assert.True(diagnostics.Count == 0, $"{path} does not read cleanly: {string.Join(" | ", diagnostics)}");
        return [.. views.SelectMany(v => rule.Check(new RuleContext(v)))];
    }

    public static Finding Single(string ruleId, string path, string text)
    {
        var findings = Run(ruleId, path, text);
        Assert.True(findings.Count == 1, $"{ruleId} on {path}: expected one finding, got {findings.Count}: {string.Join(" | ", findings.Select(f => f.Message))}");
        return findings[0];
    }

    /// <summary>The recommendation and both snippets, for assertions on all advice at once.</summary>
    public static string Advice(Finding f) => $"{f.Recommendation}\n{f.Before}\n{f.After}";

    public static void SpeaksSql(Finding f)
    {
        var advice = Advice(f);
        foreach (var token in s_pythonTokens.Concat(s_drizzleTokens))
            Assert.False(advice.Contains(token, StringComparison.Ordinal), $"SQL advice contains `{token}`:\n{advice}");
    }

    public static void SpeaksDrizzle(Finding f)
    {
        var advice = Advice(f);
        foreach (var token in s_pythonTokens)
            Assert.False(advice.Contains(token, StringComparison.Ordinal), $"Drizzle advice contains `{token}`:\n{advice}");
    }

    public static void SpeaksSqlAlchemy(Finding f)
    {
        var advice = Advice(f);
        foreach (var token in s_drizzleTokens)
            Assert.False(advice.Contains(token, StringComparison.Ordinal), $"SQLAlchemy advice contains `{token}`:\n{advice}");
    }
}
