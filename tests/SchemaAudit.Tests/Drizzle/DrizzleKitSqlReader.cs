using System.Text.RegularExpressions;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Drizzle;

/// <summary>
/// Reads the facts the cross-check compares out of drizzle-kit's generated SQL. Purpose-built
/// for drizzle-kit's regular output (one column or constraint per line), independent of the
/// SQL front-end so that the check does not compare the tool with itself. Each fact is a
/// string, so a mismatch shows as a readable diff.
/// </summary>
internal static partial class DrizzleKitSqlReader
{
    public sealed record Facts(List<string> Tables, List<string> Columns, List<string> ForeignKeys, List<string> Indexes, List<string> Uniques, List<string> PrimaryKeys);

    [GeneratedRegex("""^CREATE TABLE [`"](?<t>[^`"]+)[`"] \(""")]
    private static partial Regex CreateTable();

    [GeneratedRegex("""^\s+[`"](?<c>[^`"]+)[`"] (?<rest>.*?),?$""")]
    private static partial Regex ColumnLine();

    [GeneratedRegex("""CONSTRAINT [`"](?<n>[^`"]+)[`"] PRIMARY KEY\((?<cols>[^)]*)\)""")]
    private static partial Regex TablePrimaryKey();

    [GeneratedRegex("""CONSTRAINT [`"](?<n>[^`"]+)[`"] UNIQUE(?: NULLS NOT DISTINCT)?\((?<cols>[^)]*)\)""")]
    private static partial Regex TableUnique();

    [GeneratedRegex("""FOREIGN KEY \((?<cols>[^)]*)\) REFERENCES (?:[`"]public[`"]\.)?[`"](?<target>[^`"]+)[`"]\s*\((?<tcols>[^)]*)\)(?<actions>[^;,]*)""")]
    private static partial Regex ForeignKeyClause();

    [GeneratedRegex("""^ALTER TABLE [`"](?<t>[^`"]+)[`"] ADD CONSTRAINT""")]
    private static partial Regex AlterTable();

    [GeneratedRegex("""^CREATE (?<u>UNIQUE )?INDEX [`"](?<n>[^`"]+)[`"] ON [`"](?<t>[^`"]+)[`"] (?:USING (?<m>\w+) )?\((?<cols>.*?)\)(?: WHERE (?<w>.*?))?;""")]
    private static partial Regex CreateIndex();

    [GeneratedRegex("ON DELETE (?<a>set null|set default|no action|cascade|restrict)", RegexOptions.IgnoreCase)]
    private static partial Regex OnDelete();

    public static Facts Read(string sql)
    {
        var facts = new Facts([], [], [], [], [], []);
        string? table = null;
        foreach (var raw in sql.Replace("--> statement-breakpoint", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (CreateTable().Match(line) is { Success: true } create)
            {
                table = create.Groups["t"].Value;
                facts.Tables.Add(table);
                continue;
            }
            if (line.StartsWith(");", StringComparison.Ordinal)) { table = null; continue; }
            if (AlterTable().Match(line) is { Success: true } alter && ForeignKeyClause().Match(line) is { Success: true } alterFk)
            {
                facts.ForeignKeys.Add(ForeignKeyFact(alter.Groups["t"].Value, alterFk));
                continue;
            }
            if (CreateIndex().Match(line) is { Success: true } index)
            {
                var method = index.Groups["m"].Success && index.Groups["m"].Value != "btree" ? index.Groups["m"].Value : "btree";
                facts.Indexes.Add($"{index.Groups["t"].Value}.{index.Groups["n"].Value}({Names(index.Groups["cols"].Value)}) unique={index.Groups["u"].Success} method={method}");
                continue;
            }
            if (table is null) continue;
            if (TablePrimaryKey().Match(line) is { Success: true } pk) { facts.PrimaryKeys.Add($"{table}({Names(pk.Groups["cols"].Value)})"); continue; }
            if (TableUnique().Match(line) is { Success: true } unique) { facts.Uniques.Add($"{table}({Names(unique.Groups["cols"].Value)})"); continue; }
            if (ForeignKeyClause().Match(line) is { Success: true } inlineFk) { facts.ForeignKeys.Add(ForeignKeyFact(table, inlineFk)); continue; }
            if (line.TrimStart().StartsWith("CONSTRAINT", StringComparison.Ordinal)) continue;
            if (ColumnLine().Match(line) is { Success: true } column)
            {
                var rest = column.Groups["rest"].Value;
                var isPk = rest.Contains("PRIMARY KEY", StringComparison.Ordinal);
                var notNull = rest.Contains("NOT NULL", StringComparison.Ordinal) || isPk;
                facts.Columns.Add($"{table}.{column.Groups["c"].Value} notnull={notNull}");
                if (isPk) facts.PrimaryKeys.Add($"{table}({column.Groups["c"].Value})");
            }
        }
        return facts;
    }

    private static string ForeignKeyFact(string table, Match fk)
    {
        var action = OnDelete().Match(fk.Groups["actions"].Value) is { Success: true } a ? a.Groups["a"].Value.ToLowerInvariant() : "no action";
        return $"{table}({Names(fk.Groups["cols"].Value)}) -> {fk.Groups["target"].Value}({Names(fk.Groups["tcols"].Value)}) on delete {action}";
    }

    /// <summary><c>"a","b" text_pattern_ops</c> → <c>a,b</c> (operator classes are compared apart).</summary>
    private static string Names(string list) =>
        string.Join(",", list.Split(',').Select(p => p.Trim().Split(' ')[0].Trim('"', '`')));

    /// <summary>The same facts from the extracted model.</summary>
    public static Facts FromSchema(Schema schema)
    {
        var facts = new Facts([], [], [], [], [], []);
        foreach (var table in schema.Tables)
        {
            facts.Tables.Add(table.Name);
            foreach (var column in table.Columns) facts.Columns.Add($"{table.Name}.{column.Name} notnull={!column.Nullable}");
            foreach (var fk in table.ForeignKeys)
            {
                var action = fk.OnDelete == ReferentialAction.Unspecified ? "no action" : fk.OnDelete.ToSql().ToLowerInvariant();
                facts.ForeignKeys.Add($"{table.Name}({string.Join(",", fk.Columns)}) -> {fk.TargetTable}({string.Join(",", fk.TargetColumns)}) on delete {action}");
            }
            foreach (var index in table.Indexes)
                facts.Indexes.Add($"{table.Name}.{index.Name}({string.Join(",", index.Columns)}) unique={index.IsUnique} method={index.Method ?? "btree"}");
            foreach (var unique in table.UniqueConstraints) facts.Uniques.Add($"{table.Name}({string.Join(",", unique.Columns)})");
            if (table.PrimaryKey is { } pk) facts.PrimaryKeys.Add($"{table.Name}({string.Join(",", pk.Columns)})");
        }
        return facts;
    }
}
