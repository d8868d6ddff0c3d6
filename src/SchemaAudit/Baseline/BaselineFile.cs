using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SchemaAudit.Analysis;
using SchemaAudit.Configuration;

namespace SchemaAudit.Baseline;

/// <summary>
/// Reads and writes baseline files: JSON, one entry per accepted finding, sorted by rule, table,
/// column and fingerprint so the file diffs well under review.
/// </summary>
public static class BaselineFile
{
    private const int FormatVersion = 1;

    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The entries for the active findings of <paramref name="findings"/> (suppressed ones need no baseline).</summary>
    public static IReadOnlyList<BaselineEntry> EntriesFor(IReadOnlyList<Finding> findings) =>
        [.. FindingFingerprints.Assign(findings)
            .Where(f => !f.IsSuppressed)
            .Select(f => new BaselineEntry(f.Fingerprint!, f.RuleId, f.Table, f.ColumnName, f.Span.Path, f.Message))
            .OrderBy(e => e.RuleId, StringComparer.Ordinal)
            .ThenBy(e => e.Table ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Column ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Fingerprint, StringComparer.Ordinal)];

    public static string Serialize(IReadOnlyList<BaselineEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("version", FormatVersion);
            w.WriteString("fingerprint", FindingFingerprints.Version);
            w.WriteStartArray("findings");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("fingerprint", e.Fingerprint);
                w.WriteString("ruleId", e.RuleId);
                if (e.Table is null) w.WriteNull("table"); else w.WriteString("table", e.Table);
                if (e.Column is null) w.WriteNull("column"); else w.WriteString("column", e.Column);
                w.WriteString("path", e.Path);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Parses a baseline; <paramref name="displayPath"/> names the file in error messages.</summary>
    /// <exception cref="AuditInputException">The text is not a baseline file.</exception>
    public static IReadOnlyList<BaselineEntry> Parse(string text, string displayPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new AuditInputException($"{displayPath}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: the baseline is not valid JSON: {FirstSentence(ex.Message)}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
                throw new AuditInputException($"{displayPath}: expected a baseline written by `schema-audit audit --write-baseline` (an object with a `findings` array)");
            if (root.TryGetProperty("fingerprint", out var recipe) && recipe.ValueKind == JsonValueKind.String && recipe.GetString() != FindingFingerprints.Version)
                throw new AuditInputException($"{displayPath}: the baseline uses fingerprints `{recipe.GetString()}`, this version computes `{FindingFingerprints.Version}`; write it again with --write-baseline");

            var entries = new List<BaselineEntry>();
            var index = 0;
            foreach (var item in findings.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object || String(item, "fingerprint") is not { Length: > 0 } fingerprint)
                    throw new AuditInputException($"{displayPath}: finding {index} has no `fingerprint` string");
                entries.Add(new BaselineEntry(fingerprint, String(item, "ruleId") ?? "", String(item, "table"), String(item, "column"),
                    String(item, "path") ?? "", String(item, "message") ?? ""));
            }
            return entries;
        }
    }

    /// <exception cref="AuditInputException">The file cannot be read or is not a baseline.</exception>
    public static IReadOnlyList<BaselineEntry> Read(string fullPath, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{displayPath}: cannot read the baseline: {ex.Message}", ex);
        }
        return Parse(text, displayPath);
    }

    /// <exception cref="AuditInputException">The file cannot be written.</exception>
    public static void Write(string fullPath, string displayPath, IReadOnlyList<BaselineEntry> entries)
    {
        try
        {
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            File.WriteAllText(fullPath, Serialize(entries), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{displayPath}: cannot write the baseline: {ex.Message}", ex);
        }
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
