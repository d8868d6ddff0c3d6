using System.Text.Encodings.Web;
using System.Text.Json;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting;

/// <summary>Shared JSON writing: indented, UTF-8, readable non-ASCII, LF line endings whatever the OS.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Relaxed escaping keeps identifiers, backticks and accents readable; the output is a file, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> on a fresh writer and copies the UTF-8 document to <paramref name="output"/>, with a final newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
            write(writer);
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    /// <summary>Writes a string property, or an explicit null: contract keys stay present when there is no value.</summary>
    public static void StringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    /// <summary>A location object: <c>{ "path", "line", "column" }</c>.</summary>
    public static void Location(this Utf8JsonWriter writer, SourceSpan span)
    {
        writer.WriteStartObject();
        writer.WriteString("path", span.Path);
        writer.WriteNumber("line", span.Line);
        writer.WriteNumber("column", span.Column);
        writer.WriteEndObject();
    }

    /// <summary>A fraction rounded to four decimals (0.8333), or null.</summary>
    public static void FractionOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, Math.Round(v, 4, MidpointRounding.AwayFromZero));
        else writer.WriteNull(name);
    }

    public static void StringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
