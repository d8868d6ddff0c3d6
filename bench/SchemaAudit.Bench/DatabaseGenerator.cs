using System.Globalization;
using System.Text;

namespace SchemaAudit.Bench;

/// <summary>
/// <c>generate-ddl DIR N</c>: a PostgreSQL schema of N tables as Flyway-style DDL files of 250 tables
/// each (<c>V1__tables.sql</c>, ...: one file would pass the tool's 2 MiB per-file limit), loaded into a throwaway
/// server by <c>bench/run-db.sh</c> and audited both as a file and as a live database. Every table has a
/// primary key, a FK to an earlier table (a tree, so targets exist), defaults, a partial unique index,
/// and two FKs in three have an index (so the FK-index rule has work to do); a comment and an enum too.
/// </summary>
public static class DatabaseGenerator
{
    private const int TablesPerFile = 250;

    public static void Generate(string directory, int tables)
    {
        Directory.CreateDirectory(directory);
        var sql = new StringBuilder();
        sql.AppendLine("CREATE TYPE item_status AS ENUM ('new', 'active', 'archived');");
        for (var i = 0; i < tables; i++)
        {
            if (i > 0 && i % TablesPerFile == 0) Flush(directory, i / TablesPerFile, sql);
            var name = string.Create(CultureInfo.InvariantCulture, $"t{i:D5}");
            sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE {name} (");
            sql.AppendLine("    id bigserial PRIMARY KEY,");
            if (i > 0)
            {
                var parent = string.Create(CultureInfo.InvariantCulture, $"t{(i - 1) / 2:D5}");
                var action = (i % 4) switch { 0 => " ON DELETE CASCADE", 1 => " ON DELETE SET NULL", 2 => " ON DELETE RESTRICT", _ => "" };
                sql.AppendLine(CultureInfo.InvariantCulture, $"    parent_id bigint REFERENCES {parent} (id){action},");
            }
            sql.AppendLine("    name varchar(200) NOT NULL,");
            sql.AppendLine("    status item_status NOT NULL DEFAULT 'new',");
            sql.AppendLine("    payload jsonb NOT NULL DEFAULT '{}',");
            sql.AppendLine("    created_at timestamptz NOT NULL DEFAULT now(),");
            sql.AppendLine("    deleted_at timestamptz");
            sql.AppendLine(");");
            sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE UNIQUE INDEX uq_{name}_name ON {name} (name) WHERE deleted_at IS NULL;");
            if (i > 0 && i % 3 != 0) sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{name}_parent_id ON {name} (parent_id);");
            if (i % 10 == 0) sql.AppendLine(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{name}_payload ON {name} USING gin (payload jsonb_path_ops);");
            sql.AppendLine(CultureInfo.InvariantCulture, $"COMMENT ON TABLE {name} IS 'Generated table {i}';");
        }
        Flush(directory, (tables + TablesPerFile - 1) / TablesPerFile, sql);
    }

    private static void Flush(string directory, int number, StringBuilder sql)
    {
        File.WriteAllText(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"V{number}__tables.sql")), sql.ToString());
        sql.Clear();
    }
}
