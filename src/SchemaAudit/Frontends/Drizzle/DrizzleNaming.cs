using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>How Drizzle names what the source leaves unnamed: column casing and drizzle-kit's constraint names.</summary>
internal static partial class DrizzleNaming
{
    // Drizzle's own word splitter (drizzle-orm/src/casing.ts).
    [GeneratedRegex(@"[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    public static string ToSnakeCase(string key) =>
        string.Join('_', Words().Matches(key.Replace("'", "", StringComparison.Ordinal)).Select(m => m.Value.ToLowerInvariant()));

    public static string ToCamelCase(string key)
    {
        var words = Words().Matches(key.Replace("'", "", StringComparison.Ordinal));
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Value;
            result.Append(i == 0 ? word.ToLowerInvariant() : char.ToUpperInvariant(word[0]) + word[1..]);
        }
        return result.ToString();
    }

    /// <summary>The database name of a column declared under <paramref name="key"/> with no name of its own.</summary>
    public static string ColumnName(string key, string? casing) => casing switch
    {
        "snake_case" => ToSnakeCase(key),
        "camelCase" => ToCamelCase(key),
        _ => key,
    };

    public static string ForeignKey(string table, IEnumerable<string> columns, string target, IEnumerable<string> targetColumns) =>
        $"{table}_{string.Join('_', columns)}_{target}_{string.Join('_', targetColumns)}_fk";

    public static string Unique(string table, IEnumerable<string> columns) => $"{table}_{string.Join('_', columns)}_unique";

    public static string Index(string table, IEnumerable<string> columns) => $"{table}_{string.Join('_', columns)}_index";

    public static string PrimaryKey(string table, IEnumerable<string> columns) => $"{table}_{string.Join('_', columns)}_pk";
}
