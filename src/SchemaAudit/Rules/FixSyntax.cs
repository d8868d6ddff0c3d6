using System.Text;
using SchemaAudit.Model;

namespace SchemaAudit.Rules;

/// <summary>
/// The common remedies (add an index, set a foreign key's action, make a column NOT NULL, add a default, a unique
/// constraint or a column) written in one finding's <see cref="FixLanguage"/>, so rules state a remedy once and the
/// user reads it in the syntax of the file the finding points at. SQL is written as a migration to run: PostgreSQL
/// unless the schema says SQLite or MySQL.
/// </summary>
internal sealed class FixSyntax
{
    private readonly RuleContext _context;
    private readonly SqlFlavor _flavor;

    private FixSyntax(RuleContext context, FixLanguage language)
    {
        _context = context;
        Language = language;
        var dialect = context.Schema.Dialect ?? "";
        _flavor = dialect.Contains("sqlite", StringComparison.OrdinalIgnoreCase) ? SqlFlavor.Sqlite
            : dialect.Contains("mysql", StringComparison.OrdinalIgnoreCase) || dialect.Contains("mariadb", StringComparison.OrdinalIgnoreCase) ? SqlFlavor.MySql
            : SqlFlavor.Postgres;
    }

    private enum SqlFlavor { Postgres, Sqlite, MySql }

    public FixLanguage Language { get; }

    public bool IsSql => Language == FixLanguage.Sql;
    public bool IsDrizzle => Language == FixLanguage.Drizzle;
    public bool IsSqlAlchemy => Language == FixLanguage.SqlAlchemy;

    /// <summary>SQLite cannot alter a column or a constraint in place: the table is rebuilt (create, copy, drop, rename).</summary>
    public bool IsSqlite => _flavor == SqlFlavor.Sqlite;

    /// <summary>PostgreSQL, or a dialect nobody stated (PostgreSQL is then assumed, as the rules do).</summary>
    public bool IsPostgres => _flavor == SqlFlavor.Postgres;

    /// <summary>The syntax of the finding at <paramref name="span"/> (see <see cref="FixLanguages.Of(Schema, SourceSpan)"/>).</summary>
    public static FixSyntax For(RuleContext context, SourceSpan span) => new(context, FixLanguages.Of(context, span));

    /// <summary>Picks the text for this finding's language.</summary>
    public T Pick<T>(T sqlAlchemy, T drizzle, T sql) => Language switch
    {
        FixLanguage.SqlAlchemy => sqlAlchemy,
        FixLanguage.Drizzle => drizzle,
        _ => sql,
    };

    // ---- names ----------------------------------------------------------------------------------------------

    /// <summary>How the code names a column: its ORM attribute (<c>ownerId</c>), else its database name.</summary>
    public string Member(Table table, string column) => Language switch
    {
        FixLanguage.Sql => table.FindColumn(column)?.Name ?? column,
        FixLanguage.Drizzle => DrizzleMember(table, column),
        _ => table.FindColumn(column)?.Attribute?.Name ?? column,
    };

    public string Member(Table table, Column column) => Member(table, column.Name);

    /// <summary>How the code names a table: its Drizzle variable or SQLAlchemy class, else its database name.</summary>
    public string TableObject(Table table) => Language switch
    {
        FixLanguage.Sql => table.Name,
        FixLanguage.Drizzle => DrizzleTable(table),
        _ => table.Entity?.Name ?? table.Name,
    };

    private static string DrizzleMember(Table table, string column) =>
        table.FindColumn(column)?.Attribute?.Name ?? CamelCase(column);

    private static string DrizzleTable(Table table) => table.Entity?.Name ?? CamelCase(table.Name);

    /// <summary><c>ix_messages_sender_id</c>; Drizzle's convention is <c>messages_sender_id_idx</c>.</summary>
    public string IndexName(Table table, IEnumerable<string> columns) =>
        IsDrizzle ? $"{table.Name}_{string.Join('_', columns)}_idx" : $"ix_{table.Name}_{string.Join('_', columns)}";

    // ---- indexes --------------------------------------------------------------------------------------------

    /// <summary>
    /// An index declaration: SQL <c>CREATE INDEX CONCURRENTLY ...;</c>, SQLAlchemy <c>Index("ix", "a", unique=True,
    /// postgresql_where=text("..."))</c>, Drizzle <c>uniqueIndex("ix").on(t.a).where(sql`...`)</c>.
    /// </summary>
    public string Index(Table table, IReadOnlyList<string> columns, string? name = null, bool unique = false, string? where = null, string? method = null,
        string? operatorClass = null)
    {
        name ??= IndexName(table, columns);
        switch (Language)
        {
            case FixLanguage.SqlAlchemy:
                var args = new StringBuilder($"Index(\"{name}\", {Quoted(columns)}");
                if (unique) args.Append(", unique=True");
                if (method is not null) args.Append($", postgresql_using=\"{method}\"");
                if (operatorClass is not null) args.Append($", postgresql_ops={{{string.Join(", ", columns.Select(c => $"\"{c}\": \"{operatorClass}\""))}}}");
                if (where is not null) args.Append($", {(IsSqlite ? "sqlite" : "postgresql")}_where=text(\"{where}\")");
                return args.Append(')').ToString();
            case FixLanguage.Drizzle:
                var call = new StringBuilder($"{(unique ? "uniqueIndex" : "index")}(\"{name}\")");
                var elements = DrizzleColumns(table, columns, operatorClass);
                if (method is not null) call.Append($".using(\"{method}\", {elements})");
                else call.Append($".on({elements})");
                if (where is not null) call.Append($".where(sql`{where}`)");
                return call.ToString();
            default:
                return CreateIndex(table, operatorClass is null ? columns : [.. columns.Select(c => $"{Ident(c)} {operatorClass}")], name, unique, where, method);
        }
    }

    /// <summary>
    /// <c>CREATE INDEX CONCURRENTLY ix ON t (a);</c>: on PostgreSQL without blocking writes (run it outside a transaction);
    /// plain <c>CREATE INDEX</c> elsewhere.
    /// </summary>
    public string CreateIndex(Table table, IReadOnlyList<string> columns, string? name = null, bool unique = false, string? where = null, string? method = null)
    {
        name ??= IndexName(table, columns);
        var concurrently = _flavor == SqlFlavor.Postgres ? "CONCURRENTLY " : "";
        var usingMethod = method is not null && _flavor == SqlFlavor.Postgres ? $" USING {method}" : "";
        var predicate = where is not null && _flavor != SqlFlavor.MySql ? $" WHERE {where}" : "";
        return $"CREATE {(unique ? "UNIQUE " : "")}INDEX {concurrently}{Ident(name)} ON {TableIdent(table)}{usingMethod} ({string.Join(", ", columns.Select(c => IsExpression(c) ? c : Ident(c)))}){predicate};";
    }

    /// <summary>Where the index goes, said in the finding's language.</summary>
    public string IndexPlacement => Pick(
        "to `__table_args__`",
        "to the table's `(t) => [...]` callback",
        "in a new migration");

    // ---- foreign keys ---------------------------------------------------------------------------------------

    /// <summary>
    /// The foreign key with <paramref name="onDelete"/> (<c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c>): SQLAlchemy
    /// <c>ForeignKey("posts.id", ondelete="CASCADE")</c>, Drizzle <c>.references(() => posts.id, { onDelete: "cascade" })</c>,
    /// SQL an <c>ALTER TABLE</c> that replaces the constraint.
    /// </summary>
    public string ForeignKeyWithAction(Table table, ForeignKey fk, string onDelete) => Language switch
    {
        FixLanguage.SqlAlchemy => $"ForeignKey(\"{SqlAlchemyTarget(fk)}\", ondelete=\"{onDelete}\")",
        FixLanguage.Drizzle => $".references(() => {DrizzleTarget(fk)}, {{ onDelete: \"{DrizzleAction(onDelete)}\" }})",
        _ => AlterForeignKey(table, fk, onDelete),
    };

    /// <summary>The foreign key as written in the source: <c>ForeignKey("posts.id")</c>, <c>.references(() => posts.id)</c>, <c>REFERENCES posts (id)</c>.</summary>
    public string ForeignKeyAsWritten(ForeignKey fk) => Pick(
        $"ForeignKey(\"{SqlAlchemyTarget(fk)}\")",
        $".references(() => {DrizzleTarget(fk)})",
        $"REFERENCES {Ident(StripSchema(fk.TargetTable))} ({string.Join(", ", TargetColumns(fk).Select(Ident))})");

    /// <summary>A new foreign key: SQLAlchemy <c>ForeignKey(...)</c>, Drizzle <c>.references(...)</c>, SQL <c>ALTER TABLE ... ADD CONSTRAINT</c>.</summary>
    public string AddForeignKey(Table table, ForeignKey fk, string onDelete)
    {
        if (!IsSql || _flavor == SqlFlavor.Sqlite) return ForeignKeyWithAction(table, fk, onDelete);
        var name = $"{table.Name}_{string.Join('_', fk.Columns)}_fkey";
        var target = $"{Ident(StripSchema(fk.TargetTable))} ({string.Join(", ", TargetColumns(fk).Select(Ident))})";
        return $"ALTER TABLE {TableIdent(table)}\n  ADD CONSTRAINT {Ident(name)} FOREIGN KEY ({string.Join(", ", fk.Columns.Select(Ident))}) REFERENCES {target} ON DELETE {onDelete};";
    }

    private string AlterForeignKey(Table table, ForeignKey fk, string onDelete)
    {
        var columns = string.Join(", ", fk.Columns.Select(Ident));
        var target = $"{Ident(StripSchema(fk.TargetTable))} ({string.Join(", ", TargetColumns(fk).Select(Ident))})";
        var onUpdate = fk.OnUpdate is ReferentialAction.Unspecified or ReferentialAction.NoAction ? "" : $" ON UPDATE {fk.OnUpdate.ToSql()}";
        var definition = $"FOREIGN KEY ({columns}) REFERENCES {target} ON DELETE {onDelete}{onUpdate}";
        if (_flavor == SqlFlavor.Sqlite)
            return $"-- SQLite cannot alter a constraint: rebuild {table.Name} with\n{definition}";
        var name = fk.Name ?? $"{table.Name}_{string.Join('_', fk.Columns)}_fkey";
        var drop = _flavor == SqlFlavor.MySql ? $"DROP FOREIGN KEY {Ident(name)}" : $"DROP CONSTRAINT {Ident(name)}";
        return $"ALTER TABLE {TableIdent(table)}\n  {drop},\n  ADD CONSTRAINT {Ident(name)} {definition};";
    }

    private string DrizzleTarget(ForeignKey fk)
    {
        var target = _context.FindTable(fk.TargetTable);
        var tableObject = target is not null ? DrizzleTable(target) : CamelCase(StripSchema(fk.TargetTable));
        var column = TargetColumns(fk)[0];
        var member = target is not null ? DrizzleMember(target, column) : CamelCase(column);
        return $"{tableObject}.{member}";
    }

    private static string SqlAlchemyTarget(ForeignKey fk) => $"{fk.TargetTable}.{TargetColumns(fk)[0]}";

    private static List<string> TargetColumns(ForeignKey fk) => fk.TargetColumns.Count > 0 ? fk.TargetColumns : ["id"];

    private static string DrizzleAction(string action) => action.ToLowerInvariant();

    // ---- columns --------------------------------------------------------------------------------------------

    /// <summary>How to say "NOT NULL" on a column: <c>nullable=False</c>, <c>.notNull()</c>, <c>ALTER ... SET NOT NULL</c>.</summary>
    public string NotNull(Table table, Column column) => Pick(
        "nullable=False",
        ".notNull()",
        AlterColumn(table, column, "SET NOT NULL",
            $"{column.TypeAsWrittenOr("…")} NOT NULL{(column.ServerDefault is { } d ? $" DEFAULT {d.Expression}" : "")}"));

    /// <summary>How to say "nullable": <c>nullable=True</c>, no <c>.notNull()</c>, <c>ALTER ... DROP NOT NULL</c>.</summary>
    public string DropNotNull(Table table, Column column) => Pick(
        "nullable=True",
        "remove `.notNull()`",
        AlterColumn(table, column, "DROP NOT NULL", $"{column.TypeAsWrittenOr("…")} NULL"));

    /// <summary>A default of the current time: <c>server_default=func.now()</c>, <c>.defaultNow()</c>, <c>SET DEFAULT CURRENT_TIMESTAMP</c>.</summary>
    public string DefaultNow(Table table, Column column) => Pick(
        "server_default=func.now()",
        ".defaultNow()",
        AlterColumn(table, column, "SET DEFAULT CURRENT_TIMESTAMP", $"{column.TypeAsWrittenOr("timestamp")} NOT NULL DEFAULT CURRENT_TIMESTAMP"));

    /// <summary><c>ALTER TABLE t ALTER COLUMN c &lt;change&gt;;</c> (MySQL: <c>MODIFY c &lt;definition&gt;</c>; SQLite: a rebuild).</summary>
    private string AlterColumn(Table table, Column column, string change, string mySqlDefinition) => _flavor switch
    {
        SqlFlavor.MySql => $"ALTER TABLE {TableIdent(table)} MODIFY {Ident(column.Name)} {mySqlDefinition};",
        SqlFlavor.Sqlite => $"-- SQLite cannot alter a column: rebuild {table.Name} with\n{Ident(column.Name)} {mySqlDefinition}",
        _ => $"ALTER TABLE {TableIdent(table)} ALTER COLUMN {Ident(column.Name)} {change};",
    };

    /// <summary><c>ALTER TABLE t ADD COLUMN &lt;definition&gt;;</c></summary>
    public string AddColumn(Table table, string definition) => $"ALTER TABLE {TableIdent(table)} ADD COLUMN {definition};";

    /// <summary>The timestamp type that keeps the offset: <c>timestamptz</c>, MySQL <c>datetime(6)</c> (stored as UTC by convention), SQLite <c>timestamp</c>.</summary>
    public string SqlTimestampType => _flavor switch
    {
        SqlFlavor.MySql => "datetime(6)",
        SqlFlavor.Sqlite => "timestamp",
        _ => "timestamptz",
    };

    /// <summary>
    /// SQL that keeps <paramref name="column"/> at the time of the last update: a <c>BEFORE UPDATE</c> trigger on PostgreSQL,
    /// <c>ON UPDATE CURRENT_TIMESTAMP</c> on MySQL, an <c>AFTER UPDATE</c> trigger on SQLite.
    /// </summary>
    public string TouchOnUpdate(Table table, Column column)
    {
        var t = TableIdent(table);
        var c = Ident(column.Name);
        var trigger = $"{table.Name}_set_{column.Name}";
        return _flavor switch
        {
            SqlFlavor.MySql => $"ALTER TABLE {t} MODIFY {c} {column.TypeAsWrittenOr("datetime(6)")} NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6);",
            SqlFlavor.Sqlite => $"CREATE TRIGGER {Ident(trigger)} AFTER UPDATE ON {t} FOR EACH ROW\nBEGIN\n  UPDATE {t} SET {c} = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;\nEND;",
            _ => $"CREATE OR REPLACE FUNCTION {Ident(trigger)}() RETURNS trigger AS $$\nBEGIN\n  NEW.{c} := now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n\n"
                + $"CREATE TRIGGER {Ident(trigger)} BEFORE UPDATE ON {t}\n  FOR EACH ROW EXECUTE FUNCTION {Ident(trigger)}();",
        };
    }

    // ---- unique keys ----------------------------------------------------------------------------------------

    /// <summary>A unique constraint: <c>UniqueConstraint("a", "b")</c>, <c>unique("t_a_b_key").on(t.a, t.b)</c>, <c>ALTER TABLE ... ADD CONSTRAINT ... UNIQUE</c>.</summary>
    public string UniqueConstraint(Table table, IReadOnlyList<string> columns)
    {
        var name = $"{table.Name}_{string.Join('_', columns)}_key";
        return Language switch
        {
            FixLanguage.SqlAlchemy => $"UniqueConstraint({Quoted(columns)})",
            FixLanguage.Drizzle => $"unique(\"{name}\").on({DrizzleColumns(table, columns)})",
            _ => $"ALTER TABLE {TableIdent(table)} ADD CONSTRAINT {Ident(name)} UNIQUE ({string.Join(", ", columns.Select(Ident))});",
        };
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    // Expression elements (`lower(email)`) are written as SQL in both ORMs.
    private static string DrizzleColumns(Table table, IEnumerable<string> columns, string? operatorClass = null) =>
        string.Join(", ", columns.Select(c => IsExpression(c) ? $"sql`{c}`"
            : $"t.{DrizzleMember(table, c)}{(operatorClass is null ? "" : $".op(\"{operatorClass}\")")}"));

    private static string Quoted(IEnumerable<string> columns) =>
        string.Join(", ", columns.Select(c => IsExpression(c) ? $"text(\"{c}\")" : $"\"{c}\""));

    private static bool IsExpression(string element) => element.Contains('(') || element.Contains(' ');

    /// <summary>A SQL identifier, double-quoted only when it needs to be (upper case, spaces, a leading digit).</summary>
    /// <summary>A table in SQL: <c>users</c>, or <c>billing.users</c> when it lives outside the default schema (quoted as needed).</summary>
    public static string TableIdent(Table table) =>
        TableLookup.IsDefaultSchema(table.SchemaName) ? Ident(table.Name) : $"{Ident(table.SchemaName!)}.{Ident(table.Name)}";

    /// <summary>An index or constraint of <paramref name="table"/> in SQL (<c>DROP INDEX billing.ix_users_email</c>): indexes live in their table's schema.</summary>
    public static string ObjectIdent(Table table, string name) =>
        TableLookup.IsDefaultSchema(table.SchemaName) ? Ident(name) : $"{Ident(table.SchemaName!)}.{Ident(name)}";

    public static string Ident(string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')) { plain = false; break; }
        }
        return plain ? name : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary><c>post_likes</c> → <c>postLikes</c>, the usual name of a Drizzle variable or key.</summary>
    public static string CamelCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_') { upper = sb.Length > 0; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.Length == 0 ? name : sb.ToString();
    }

    private static string StripSchema(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}

internal static class ColumnTypeText
{
    /// <summary>The type as written, or <paramref name="fallback"/> when the source did not write one.</summary>
    public static string TypeAsWrittenOr(this Column column, string fallback) =>
        column.TypeAsWritten.Length > 0 ? column.TypeAsWritten : fallback;
}
