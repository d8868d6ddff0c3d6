using System.Text.Json;
using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Reporting;

/// <summary>
/// The machine-readable report. Its shape is a public contract (DESIGN.md, "JSON output"):
/// fields may be added, never renamed or moved. Keys of the contract are always present
/// (<c>null</c> when there is no value); additive keys may be absent when they do not apply.
/// </summary>
public sealed class JsonReporter : IReporter
{
    public string Format => "json";

    public void Write(AuditResult result, TextWriter output) =>
        JsonOutput.Write(output, writer => WriteDocument(writer, result));

    private static void WriteDocument(Utf8JsonWriter w, AuditResult result)
    {
        var facts = new ReportFacts(result);
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteString("name", ToolInfo.Name);
        w.WriteString("version", ToolInfo.Version);
        w.WriteEndObject();

        w.WriteString("root", result.Root);

        w.WriteStartArray("findings");
        foreach (var finding in facts.Findings)
            WriteFinding(w, finding, facts);
        w.WriteEndArray();

        WriteStatistics(w, result.Statistics);

        w.WriteNumber("score", result.Score.Value);
        w.WriteString("grade", result.Score.Grade);
        // The detected target database and what it was decided from (null when unknown).
        if (result.Schema.Dialect is { } dialect) w.WriteString("dialect", dialect); else w.WriteNull("dialect");
        if (result.Schema.DialectEvidence is { } evidence) w.WriteString("dialectEvidence", evidence); else w.WriteNull("dialectEvidence");
        w.WriteStartArray("deductions");
        foreach (var d in result.Score.Deductions)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", d.RuleId);
            w.WriteString("severity", d.Severity.Id());
            w.WriteNumber("count", d.Count);
            w.WriteNumber("points", d.Points);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("summary");
        foreach (var severity in Enum.GetValues<Severity>())
            w.WriteNumber(severity.Id(), facts.Count(severity));
        w.WriteNumber("suppressed", facts.Suppressed.Count);
        w.WriteEndObject();

        if (result.Baseline is { } baseline)
        {
            w.WriteStartObject("baseline");
            w.WriteNumber("new", baseline.New);
            w.WriteNumber("unchanged", baseline.Unchanged);
            w.WriteNumber("fixed", baseline.Fixed);
            w.WriteEndObject();
        }

        w.StringArray("rulesRun", result.RulesRun.Select(r => r.Id).Order(StringComparer.Ordinal));

        w.WriteStartArray("diagnostics");
        foreach (var diagnostic in ReportFacts.SortedDiagnostics(result.Schema))
        {
            w.WriteStartObject();
            w.WriteString("path", diagnostic.Span.Path);
            w.WriteNumber("line", diagnostic.Span.Line);
            w.WriteNumber("column", diagnostic.Span.Column);
            w.WriteString("message", diagnostic.Message);
            w.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, ReportFacts facts)
    {
        w.WriteStartObject();
        // The contract's keys, in the contract's order.
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("severity", f.Severity.Id());
        w.WriteString("category", f.Category.Id());
        w.WriteString("message", f.Message);
        w.WriteString("path", f.Span.Path);
        w.WriteNumber("line", f.Span.Line);
        w.WriteNumber("column", f.Span.Column);
        w.StringOrNull("table", f.Table);
        w.StringOrNull("columnName", f.ColumnName);
        w.WriteString("recommendation", f.Recommendation);
        w.WriteNumber("occurrences", f.Occurrences);
        w.StringArray("tables", f.TablesReached);
        w.WriteStartArray("relatedLocations");
        foreach (var span in f.RelatedSpans) w.Location(span);
        w.WriteEndArray();

        // Additive keys.
        w.WriteString("title", facts.Metadata(f.RuleId)?.Title ?? f.RuleId);
        w.WriteNumber("endLine", Math.Max(f.Span.EndLine, f.Span.Line));
        w.WriteBoolean("suppressed", f.IsSuppressed);
        if (f.SuppressedBy is not null) w.WriteString("suppressedBy", f.SuppressedBy);
        if (f.Before is not null) w.WriteString("before", f.Before);
        if (f.After is not null) w.WriteString("after", f.After);
        if (f.RelatedSpans.Count > 0)
        {
            w.WriteStartArray("related");
            foreach (var span in f.RelatedSpans) w.Location(span);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter w, Statistics s)
    {
        w.WriteStartObject("statistics");
        w.WriteNumber("tables", s.Tables);
        w.WriteNumber("columns", s.Columns);
        w.WriteNumber("foreignKeys", s.ForeignKeys);
        w.WriteNumber("uniqueConstraints", s.UniqueConstraints);
        w.WriteStartObject("indexes");
        w.WriteNumber("primary", s.PrimaryIndexes);
        w.WriteNumber("unique", s.UniqueIndexes);
        w.WriteNumber("other", s.OtherIndexes);
        w.WriteEndObject();
        w.WriteNumber("relationships", s.Relationships);
        w.WriteNumber("entities", s.Entities);
        w.FractionOrNull("annotationCoverage", s.AnnotationCoverage);
        w.FractionOrNull("documentationCoverage", s.DocumentationCoverage);
        w.WriteStartArray("modelFiles");
        foreach (var file in s.ModelFiles)
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteNumber("lines", file.Lines);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
