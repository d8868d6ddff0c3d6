using System.Globalization;
using System.Text;

namespace SchemaAudit.Bench;

/// <summary>
/// Writes a synthetic Drizzle project of N tables: ~10 <c>pgTable</c>s a file, columns from a
/// shared helper spread into each table, realistic builders (uuid, varchar, integer, jsonb,
/// timestamps, enums), references to earlier tables (often imported from other files),
/// indexes in both extra-config forms, <c>relations()</c> per table, a barrel
/// <c>index.ts</c> and a <c>drizzle.config.ts</c>. Deterministic for a given seed.
/// </summary>
public static class DrizzleProjectGenerator
{
    public const int TablesPerFile = 10;

    public static void Generate(string directory, int tables, int seed = 42)
    {
        var random = new Random(seed);
        var schemaDir = Path.Combine(directory, "src", "db", "schema");
        Directory.CreateDirectory(schemaDir);
        File.WriteAllText(Path.Combine(directory, "drizzle.config.ts"), Config);
        File.WriteAllText(Path.Combine(schemaDir, "common.ts"), Common);

        var files = (tables + TablesPerFile - 1) / TablesPerFile;
        var barrel = new StringBuilder("export * from \"./common\";\n");
        for (var file = 0; file < files; file++)
        {
            var first = file * TablesPerFile;
            var count = Math.Min(TablesPerFile, tables - first);
            File.WriteAllText(Path.Combine(schemaDir, $"module_{file:D4}.ts"), Module(file, first, count, random));
            barrel.Append(CultureInfo.InvariantCulture, $"export * from \"./module_{file:D4}\";\n");
        }
        File.WriteAllText(Path.Combine(schemaDir, "index.ts"), barrel.ToString());
    }

    private static string TableName(int i) => $"table_{i:D5}";

    private static string Variable(int i) => $"table{i:D5}";

    private static string Module(int file, int first, int count, Random random)
    {
        var imports = new SortedSet<int>();
        var body = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            // References to up to two earlier tables, half of them in other files.
            var targets = new List<int>();
            for (var k = 0; k < random.Next(0, 3) && i > 0; k++)
            {
                var target = random.Next(0, i);
                if (!targets.Contains(target)) targets.Add(target);
            }
            foreach (var target in targets)
                if (target < first) imports.Add(target);
            body.Append(Table(i, targets, random));
        }

        var header = new StringBuilder();
        header.Append("import { relations, sql } from \"drizzle-orm\";\n");
        header.Append("import { pgTable, pgEnum, uuid, varchar, text, integer, bigint, boolean, jsonb, timestamp, index, uniqueIndex } from \"drizzle-orm/pg-core\";\n");
        header.Append("import { timestamps, idColumn } from \"./common\";\n");
        foreach (var group in imports.GroupBy(t => t / TablesPerFile))
        {
            var names = string.Join(", ", group.Select(Variable));
            header.Append(CultureInfo.InvariantCulture, $"import {{ {names} }} from \"./module_{group.Key:D4}\";\n");
        }
        header.Append(CultureInfo.InvariantCulture, $"\nexport const status{file:D4} = pgEnum(\"status_{file:D4}\", [\"active\", \"archived\", \"deleted\"]);\n\n");
        return header.ToString() + body;
    }

    private static string Table(int i, List<int> targets, Random random)
    {
        var file = i / TablesPerFile;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"/** Table {i}. */\nexport const {Variable(i)} = pgTable(\n  \"{TableName(i)}\",\n  {{\n");
        s.Append("    id: idColumn(),\n");
        s.Append("    name: varchar(\"name\", { length: 200 }).notNull(),\n");
        s.Append("    description: text(\"description\"),\n");
        s.Append(CultureInfo.InvariantCulture, $"    status: status{file:D4}(\"status\").notNull().default(\"active\"),\n");
        s.Append("    position: integer(\"position\").notNull().default(0),\n");
        if (random.Next(3) == 0) s.Append("    total: bigint(\"total\", { mode: \"number\" }),\n");
        if (random.Next(2) == 0) s.Append("    settings: jsonb(\"settings\").$type<Record<string, unknown> | null>(),\n");
        s.Append("    enabled: boolean(\"enabled\").notNull().default(true),\n");
        foreach (var target in targets)
        {
            var onDelete = random.Next(3) switch { 0 => "cascade", 1 => "set null", _ => "restrict" };
            var notNull = onDelete == "set null" ? "" : ".notNull()";
            s.Append(CultureInfo.InvariantCulture,
                $"    ref{target:D5}Id: uuid(\"ref_{target:D5}_id\"){notNull}.references(() => {Variable(target)}.id, {{ onDelete: \"{onDelete}\" }}),\n");
        }
        s.Append("    archivedAt: timestamp(\"archived_at\", { withTimezone: true }),\n");
        s.Append("    ...timestamps,\n  },\n");
        var indexes = new List<string> { $"index(\"{TableName(i)}_name_idx\").on(t.name)" };
        if (targets.Count > 0 && random.Next(2) == 0) indexes.Add($"index(\"{TableName(i)}_ref_idx\").on(t.ref{targets[0]:D5}Id)");
        if (random.Next(4) == 0) indexes.Add($"uniqueIndex(\"{TableName(i)}_active_name_uidx\").on(t.name).where(sql`${{t.archivedAt}} is null`)");
        if (i % 2 == 0)
            s.Append("  (t) => [\n").Append(string.Concat(indexes.Select(x => $"    {x},\n"))).Append("  ],\n);\n\n");
        else
            s.Append("  (t) => ({\n").Append(string.Concat(indexes.Select((x, k) => $"    idx{k}: {x},\n"))).Append("  }),\n);\n\n");

        s.Append(CultureInfo.InvariantCulture, $"export const {Variable(i)}Relations = relations({Variable(i)}, ({{ one }}) => ({{\n");
        foreach (var target in targets)
            s.Append(CultureInfo.InvariantCulture,
                $"  ref{target:D5}: one({Variable(target)}, {{ fields: [{Variable(i)}.ref{target:D5}Id], references: [{Variable(target)}.id] }}),\n");
        s.Append("}));\n\n");
        return s.ToString();
    }

    private const string Config = """
        import { defineConfig } from "drizzle-kit";

        export default defineConfig({
          dialect: "postgresql",
          schema: "./src/db/schema/index.ts",
          out: "./drizzle",
        });

        """;

    private const string Common = """
        import { timestamp, uuid } from "drizzle-orm/pg-core";

        export const timestamps = {
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date()),
        };

        export const idColumn = () => uuid("id").primaryKey().defaultRandom();

        """;
}
