using Microsoft.Data.Sqlite;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Reads a SQLite database file, opened <c>Mode=ReadOnly</c>, through its PRAGMAs
/// (<c>table_xinfo</c>, <c>index_list</c>, <c>index_xinfo</c>, <c>foreign_key_list</c>, used as
/// table-valued functions so that a fixed number of queries covers every table). What the PRAGMAs
/// do not say (partial-index predicates, operator classes, CHECK constraints, trigger bodies) is
/// read from the DDL SQLite keeps in <c>sqlite_schema</c>, through the SQL front-end's parser.
/// </summary>
public sealed class SqliteIntrospector
{
    private const string UserObjects = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private static readonly string[] s_queries =
    [
        $"SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_schema m WHERE {UserObjects} AND m.type IN ('table', 'index', 'trigger') ORDER BY m.type, m.name",
        $"SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND {UserObjects} ORDER BY m.name, p.cid",
        $"SELECT m.name, il.name, il.\"unique\", il.origin, il.partial FROM sqlite_schema m JOIN pragma_index_list(m.name) il WHERE m.type = 'table' AND {UserObjects} ORDER BY m.name, il.name",
        $"SELECT il.name, ix.seqno, ix.cid, ix.name, ix.coll FROM sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ix WHERE m.type = 'table' AND {UserObjects} AND ix.\"key\" = 1 ORDER BY il.name, ix.seqno",
        $"SELECT m.name, fk.id, fk.seq, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) fk WHERE m.type = 'table' AND {UserObjects} ORDER BY m.name, fk.id, fk.seq",
    ];

    private readonly DatabaseTarget _target;
    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sqlByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _triggerSql = [];
    private Schema _schema = new();

    public SqliteIntrospector(DatabaseTarget target) => _target = target;

    public int QueryCount { get; private set; }

    /// <exception cref="LiveDatabaseException">The file is not a SQLite database or cannot be read.</exception>
    public Schema Read()
    {
        _schema = new Schema { SourceKind = SchemaSourceKind.LiveDatabase, Dialect = "sqlite" };
        try
        {
            using var connection = new SqliteConnection(_target.ConnectionString);
            connection.Open();
            QueryCount = 0;
            var indexColumns = new Dictionary<string, List<(long Cid, string? Name, string? Collation)>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < s_queries.Length; i++)
            {
                using var command = connection.CreateCommand();
                command.CommandText = s_queries[i];
                using var reader = command.ExecuteReader();
                QueryCount++;
                switch (i)
                {
                    case 0: ReadObjects(reader); break;
                    case 1: ReadColumns(reader); break;
                    case 2: _pendingIndexes = ReadIndexList(reader); break;
                    case 3: ReadIndexColumns(reader, indexColumns); break;
                    case 4: ReadForeignKeys(reader); break;
                }
            }
            foreach (var pending in _pendingIndexes) AddIndex(pending, indexColumns.GetValueOrDefault(pending.Name) ?? []);
        }
        catch (SqliteException ex)
        {
            throw new LiveDatabaseException($"cannot read {_target.DisplayName}: {ex.Message}");
        }
        Finish();
        return _schema;
    }

    private sealed record PendingIndex(string Table, string Name, bool Unique, string Origin);

    private List<PendingIndex> _pendingIndexes = [];

    private SourceSpan Span(string objectName) => LiveSpans.Of(_target.DisplayName, objectName);

    private void ReadObjects(SqliteDataReader r)
    {
        while (r.Read())
        {
            var type = r.GetString(0);
            var name = r.GetString(1);
            var sql = r.IsDBNull(3) ? null : r.GetString(3);
            if (sql is not null) _sqlByName[name] = sql;
            if (type == "table")
            {
                var table = new Table { Name = name, Span = Span(name) };
                _tables[name] = table;
                _schema.Tables.Add(table);
            }
            else if (type == "trigger" && sql is not null)
            {
                _triggerSql.Add(sql);
            }
        }
    }

    private void ReadColumns(SqliteDataReader r)
    {
        var keys = new Dictionary<Table, SortedList<long, string>>();
        while (r.Read())
        {
            if (!_tables.TryGetValue(r.GetString(0), out var table)) continue;
            var name = r.GetString(2);
            var declared = r.IsDBNull(3) ? "" : r.GetString(3);
            var (type, length) = DatabaseTypeName.Map(declared);
            var column = new Column
            {
                Name = name,
                TypeAsWritten = declared,
                Type = type,
                Length = length,
                Nullable = r.GetInt64(4) == 0,
                Span = Span($"{table.Name}.{name}"),
            };
            var generated = r.GetInt64(7) is 2 or 3;
            if (!r.IsDBNull(5) && !generated && !string.Equals(r.GetString(5), "null", StringComparison.OrdinalIgnoreCase))
                column.ServerDefault = new DefaultValue(r.GetString(5), false, column.Span);
            var pkPosition = r.GetInt64(6);
            if (pkPosition > 0)
            {
                if (!keys.TryGetValue(table, out var key)) keys[table] = key = [];
                key[pkPosition] = name;
                column.IsPrimaryKey = true;
                column.Nullable = false;
            }
            table.Columns.Add(column);
        }
        foreach (var (table, key) in keys)
        {
            var primaryKey = new PrimaryKey { Span = table.Span };
            primaryKey.Columns.AddRange(key.Values);
            table.PrimaryKey = primaryKey;
            // An INTEGER PRIMARY KEY is the rowid: assigned automatically, like the SQL front-end records it.
            if (key.Count == 1 && table.FindColumn(key.Values[0]) is { } column && string.Equals(column.TypeAsWritten, "integer", StringComparison.OrdinalIgnoreCase))
                column.IsIdentity = true;
        }
    }

    private static List<PendingIndex> ReadIndexList(SqliteDataReader r)
    {
        var pending = new List<PendingIndex>();
        while (r.Read())
            pending.Add(new PendingIndex(r.GetString(0), r.GetString(1), r.GetInt64(2) == 1, r.GetString(3)));
        return pending;
    }

    private static void ReadIndexColumns(SqliteDataReader r, Dictionary<string, List<(long, string?, string?)>> columns)
    {
        while (r.Read())
        {
            var index = r.GetString(0);
            if (!columns.TryGetValue(index, out var list)) columns[index] = list = [];
            list.Add((r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }
    }

    private void AddIndex(PendingIndex pending, List<(long Cid, string? Name, string? Collation)> columns)
    {
        if (!_tables.TryGetValue(pending.Table, out var table) || pending.Origin == "pk") return;
        var span = Span($"{table.Name}/{pending.Name}");
        if (pending.Origin == "u")
        {
            // Declared as UNIQUE in CREATE TABLE: a constraint, as the SQL front-end models it.
            var unique = new UniqueConstraint { Span = span, FromColumnFlag = false };
            unique.Columns.AddRange(columns.Select(c => c.Name ?? "?"));
            table.UniqueConstraints.Add(unique);
            return;
        }
        var index = new Index { Name = pending.Name, IsUnique = pending.Unique, Span = span };
        if (_sqlByName.TryGetValue(pending.Name, out var sql)
            && SqlParser.Parse(span.Path, sql) is { Statements: [CreateIndexStatement statement], Diagnostics.Count: 0 })
        {
            foreach (var element in statement.Elements)
            {
                index.Columns.Add(element.Text);
                index.IsExpression.Add(element.IsExpression);
                if (element.Collation is not null) index.Collations[element.Text] = element.Collation;
            }
            index.Where = statement.Where;
        }
        else
        {
            foreach (var (cid, name, _) in columns)
            {
                index.Columns.Add(name ?? "<expression>");
                index.IsExpression.Add(cid < 0);
            }
        }
        table.Indexes.Add(index);
    }

    private void ReadForeignKeys(SqliteDataReader r)
    {
        ForeignKey? current = null;
        (string Table, long Id) currentKey = ("", -1);
        while (r.Read())
        {
            if (!_tables.TryGetValue(r.GetString(0), out var table)) continue;
            var key = (table.Name, r.GetInt64(1));
            if (current is null || key != currentKey)
            {
                currentKey = key;
                current = new ForeignKey
                {
                    TargetTable = r.GetString(3),
                    // SQLite reports NO ACTION for a FK that says nothing, as PostgreSQL does.
                    OnUpdate = Action(r.GetString(6)),
                    OnDelete = Action(r.GetString(7)),
                    Span = Span($"{table.Name}/fk{key.Item2}"),
                };
                table.ForeignKeys.Add(current);
            }
            current.Columns.Add(r.GetString(4));
            if (!r.IsDBNull(5)) current.TargetColumns.Add(r.GetString(5));
        }
    }

    private static ReferentialAction Action(string text)
    {
        var action = ReferentialActionExtensions.Parse(text);
        return action == ReferentialAction.Unspecified ? ReferentialAction.NoAction : action;
    }

    /// <summary>Implicit FK targets, CHECK constraints and trigger hooks, from the stored DDL.</summary>
    private void Finish()
    {
        foreach (var table in _schema.Tables)
        {
            foreach (var fk in table.ForeignKeys)
                if (fk.TargetColumns.Count == 0 && _tables.TryGetValue(fk.TargetTable, out var target) && target.PrimaryKey is { } key)
                    fk.TargetColumns.AddRange(key.Columns);
            if (!_sqlByName.TryGetValue(table.Name, out var sql)
                || SqlParser.Parse(table.Span.Path, sql) is not { Statements: [CreateTableStatement create] }) continue;
            foreach (var column in create.Columns)
                foreach (var (name, expression) in column.Checks)
                    table.Checks.Add(new CheckConstraint { Name = name, Expression = expression, Span = Span($"{table.Name}.{column.Name}") });
            foreach (var constraint in create.Constraints)
                if (constraint is { Kind: TableConstraintKind.Check, CheckExpression: { } expression })
                    table.Checks.Add(new CheckConstraint { Name = constraint.Name, Expression = expression, Span = table.Span });
        }
        foreach (var sql in _triggerSql)
        {
            if (SqlParser.Parse("", sql) is not { Statements: [CreateTriggerStatement trigger] } || !trigger.OnUpdate) continue;
            if (!_tables.TryGetValue(trigger.Table.Name, out var table)) continue;
            foreach (var name in trigger.AssignedColumns.Distinct(StringComparer.OrdinalIgnoreCase))
                if (table.FindColumn(name) is { } column)
                    _schema.UpdateHooks.Add(new UpdateHook(table.Name, column.Name, $"trigger {trigger.Name}", Span($"{table.Name}/{trigger.Name}")));
        }
    }
}
