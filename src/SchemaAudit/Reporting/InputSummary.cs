using System.Text.Json;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Reporting;

/// <summary>A file that was not read, and why (over the size limit, binary, unreadable, excluded, ignored).</summary>
public sealed record NotRead(string Path, string Reason);

/// <summary>
/// What an audit read, for every report format and for <c>--verbose</c>: the configuration file applied,
/// the views found (models, migrations, database) with their tables, the files read, the files skipped
/// with why, and what was excluded on purpose. A report that says 100/100 must also say of what.
/// </summary>
public sealed class InputSummary
{
    private InputSummary(string? configurationFile, IReadOnlyList<(string View, int Tables)> views, IReadOnlyList<string> read,
        IReadOnlyList<NotRead> skipped, IReadOnlyList<NotRead> excluded)
    {
        ConfigurationFile = configurationFile;
        Views = views;
        Read = read;
        Skipped = skipped;
        Excluded = excluded;
    }

    public string? ConfigurationFile { get; }

    public IReadOnlyList<(string View, int Tables)> Views { get; }

    public IReadOnlyList<string> Read { get; }

    public IReadOnlyList<NotRead> Skipped { get; }

    public IReadOnlyList<NotRead> Excluded { get; }

    public static InputSummary Of(AuditResult result)
    {
        var schema = result.Schema;
        var views = (result.Views.Count > 0 ? result.Views : [schema]).Select(v => (ViewName(v.SourceKind), v.Tables.Count)).ToList();
        var read = schema.Files.Select(f => f.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var skipped = schema.Diagnostics
            .Where(d => d.Message.StartsWith("skipped: ", StringComparison.Ordinal) && !d.Span.IsNone)
            .Select(d => new NotRead(d.Span.Path, d.Message["skipped: ".Length..]))
            .OrderBy(n => n.Path, StringComparer.Ordinal)
            .ToList();
        var excluded = schema.Excluded.Select(e => new NotRead(e.Path, e.Reason)).OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
        return new InputSummary(result.ConfigurationFile, views, read, skipped, excluded);
    }

    /// <summary>How a view is named in reports: <c>models</c>, <c>migrations</c>, <c>SQL DDL</c>, <c>database</c>.</summary>
    public static string ViewName(SchemaSourceKind kind) => kind switch
    {
        SchemaSourceKind.OrmModels => "models",
        SchemaSourceKind.Migrations => "migrations",
        SchemaSourceKind.SqlDdl => "SQL DDL",
        _ => "database",
    };

    /// <summary>
    /// <c>"inputs": { "configuration", "views": [{ "view", "tables" }], "read": [...], "skipped": [{ "path", "reason" }], "excluded": [...] }</c>
    /// (JSON report and SARIF run properties).
    /// </summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("inputs");
        if (ConfigurationFile is null) w.WriteNull("configuration");
        else w.WriteString("configuration", ConfigurationFile);
        w.WriteStartArray("views");
        foreach (var (view, tables) in Views)
        {
            w.WriteStartObject();
            w.WriteString("view", view);
            w.WriteNumber("tables", tables);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("read");
        foreach (var path in Read) w.WriteStringValue(path);
        w.WriteEndArray();
        foreach (var (name, list) in new[] { ("skipped", Skipped), ("excluded", Excluded) })
        {
            w.WriteStartArray(name);
            foreach (var item in list)
            {
                w.WriteStartObject();
                w.WriteString("path", item.Path);
                w.WriteString("reason", item.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>Every input, one per line, for <c>--verbose</c> on standard error.</summary>
    public IEnumerable<string> DetailLines()
    {
        yield return $"config: {ConfigurationFile ?? "none (defaults)"}";
        foreach (var (view, tables) in Views) yield return $"view: {view} ({ReportText.Count(tables, "table")})";
        foreach (var path in Read) yield return $"read: {path}";
        foreach (var item in Skipped) yield return $"skipped: {item.Path}: {item.Reason}";
        foreach (var item in Excluded) yield return $"excluded: {item.Path}: {item.Reason}";
    }

    /// <summary>
    /// One line: <c>Read 12 files (1 skipped, 3 excluded); views: models (12 tables), migrations (10 tables); configuration: .schema-audit.yml.</c>
    /// </summary>
    public string OneLine()
    {
        var notRead = new List<string>();
        if (Skipped.Count > 0) notRead.Add($"{Skipped.Count} skipped");
        if (Excluded.Count > 0) notRead.Add($"{Excluded.Count} excluded");
        var files = ReportText.Count(Read.Count, "file") + (notRead.Count > 0 ? $" ({string.Join(", ", notRead)})" : "");
        var views = string.Join(", ", Views.Select(v => $"{v.View} ({ReportText.Count(v.Tables, "table")})"));
        return $"Read {files}; views: {views}; configuration: {ConfigurationFile ?? "none (defaults)"}.";
    }
}
