using System.Text.Json;
using SchemaAudit.Analysis;
using SchemaAudit.Baseline;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps): one run, rules with their
/// documentation, results with locations relative to the repository root (<c>%SRCROOT%</c>),
/// partial fingerprints that survive line shifts, and suppressed findings as <c>suppressions</c>.
/// Diagnostics (what could not be read) become tool execution notifications.
/// </summary>
public sealed class SarifReporter(ReporterOptions options) : IReporter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The key of our fingerprint in <c>partialFingerprints</c> (versioned with the recipe).</summary>
    public const string FingerprintKey = "schemaAuditFinding/" + FindingFingerprints.Version;

    public SarifReporter() : this(ReporterOptions.Default) { }

    public string Format => "sarif";

    public void Write(AuditResult result, TextWriter output) =>
        JsonOutput.Write(output, w => WriteLog(w, result));

    private void WriteLog(Utf8JsonWriter w, AuditResult result)
    {
        var facts = new ReportFacts(result);
        var findings = FindingFingerprints.Assign(facts.Findings);
        var rules = new SarifRuleDescriptors(
            result.RulesRun.Select(r => r.Id).Concat(findings.Select(f => f.RuleId)), facts.Metadata);

        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ToolInfo.Name);
        w.WriteString("version", ToolInfo.Version);
        w.WriteString("semanticVersion", ToolInfo.Version);
        w.WriteString("informationUri", ProjectLinks.Home);
        rules.Write(w);
        w.WriteEndObject();
        w.WriteEndObject();

        WriteInvocation(w, result);

        // No absolute path here: the report must not depend on the machine; consumers resolve
        // %SRCROOT% to their checkout (GitHub does so for the repository root).
        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(SarifUris.SourceRoot);
        w.WriteStartObject("description");
        w.WriteString("text", "The root of the repository that was audited.");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteString("columnKind", "utf16CodeUnits");

        w.WriteStartArray("results");
        foreach (var finding in findings)
            WriteResult(w, finding, rules, result.Baseline is not null);
        w.WriteEndArray();

        w.WriteStartObject("properties");
        if (result.Score.Value is { } score) w.WriteNumber("score", score);
        else w.WriteNull("score");
        w.WriteString("grade", result.Score.Grade);
        if (result.Baseline is { } baseline)
        {
            w.WriteStartObject("baseline");
            w.WriteNumber("new", baseline.New);
            w.WriteNumber("unchanged", baseline.Unchanged);
            w.WriteNumber("fixed", baseline.Fixed);
            w.WriteEndObject();
        }
        InputSummary.Of(result).WriteJson(w);
        w.WriteEndObject();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteInvocation(Utf8JsonWriter w, AuditResult result)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", true);
        w.WriteStartArray("toolExecutionNotifications");
        foreach (var diagnostic in ReportFacts.SortedDiagnostics(result.Schema))
        {
            w.WriteStartObject();
            w.WriteString("level", SarifLevels.Of(diagnostic.Severity));
            Message(w, diagnostic.Message);
            if (SarifUris.IsFile(diagnostic.Span))
            {
                w.WriteStartArray("locations");
                w.WriteStartObject();
                PhysicalLocation(w, diagnostic.Span);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private void WriteResult(Utf8JsonWriter w, Finding f, SarifRuleDescriptors rules, bool comparedWithBaseline)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteNumber("ruleIndex", rules.IndexOf(f.RuleId));
        w.WriteString("level", SarifLevels.Of(f.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", $"{f.Message} Fix: {f.Recommendation}");
        w.WriteString("markdown", $"{f.Message}\n\n**Fix.** {f.Recommendation}");
        w.WriteEndObject();

        if (SarifUris.IsFile(f.Span) || f.Table is not null)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            if (SarifUris.IsFile(f.Span)) PhysicalLocation(w, f.Span);
            LogicalLocation(w, f);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        var related = f.RelatedSpans.Where(SarifUris.IsFile).ToList();
        if (related.Count > 0)
        {
            w.WriteStartArray("relatedLocations");
            for (var i = 0; i < related.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", i + 1);
                PhysicalLocation(w, related[i]);
                Message(w, "Also involved.");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, f.Fingerprint);
        w.WriteEndObject();

        if (f.SuppressedBy is { } justification)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "inSource");
            w.WriteString("justification", justification);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (comparedWithBaseline) w.WriteString("baselineState", "new");

        w.WriteStartObject("properties");
        w.WriteString("category", f.Category.Id());
        w.WriteString("severity", f.Severity.Id());
        w.WriteString("recommendation", f.Recommendation);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void PhysicalLocation(Utf8JsonWriter w, SourceSpan span)
    {
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", SarifUris.Relative(options.RepositoryPrefix, span.Path));
        w.WriteString("uriBaseId", SarifUris.SourceRoot);
        w.WriteEndObject();
        if (span.Line > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", span.Line);
            if (span.Column > 0) w.WriteNumber("startColumn", span.Column);
            w.WriteNumber("endLine", Math.Max(span.EndLine, span.Line));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The object the finding is about (<c>messages.sender_id</c>), which also locates findings of a live database.</summary>
    private static void LogicalLocation(Utf8JsonWriter w, Finding f)
    {
        if (f.Table is null) return;
        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        if (f.ColumnName is { } column)
        {
            w.WriteString("name", column);
            w.WriteString("fullyQualifiedName", $"{f.Table}.{column}");
            w.WriteString("kind", "member");
        }
        else
        {
            w.WriteString("name", f.Table);
            w.WriteString("fullyQualifiedName", f.Table);
            w.WriteString("kind", "type");
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Message(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject("message");
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
