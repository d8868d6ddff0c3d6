using System.Data.Common;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Reads a PostgreSQL database into the unified model with a fixed number of catalog queries
/// (<see cref="PostgresCatalogQueries"/>, sent in one round trip inside a read-only transaction).
/// Facts are spelled the way the SQL front-end spells them (types through its mapper, index
/// definitions through its parser, <c>btree</c> implicit, own-type casts on defaults dropped),
/// so one schema reads the same from DDL and from the database. Tables in <c>public</c> are
/// unqualified, like unqualified DDL.
/// </summary>
public sealed class PostgresIntrospector
{
    private readonly DatabaseTarget _target;
    private readonly Dictionary<uint, Table> _tablesByOid = [];
    private readonly Dictionary<(uint, short), Column> _columnsByNumber = [];
    private readonly Dictionary<string, EnumType> _enums = new(StringComparer.Ordinal);
    private Schema _schema = new();

    public PostgresIntrospector(DatabaseTarget target) => _target = target;

    /// <summary>Catalog queries issued by the last <see cref="Read"/> (the benchmark reports it).</summary>
    public int QueryCount { get; private set; }

    /// <exception cref="LiveDatabaseException">The database cannot be reached or read (message without password).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired: the query was cancelled on the server and the connection closed.</exception>
    public Schema Read(CancellationToken cancellation = default)
    {
        _schema = new Schema { SourceKind = SchemaSourceKind.LiveDatabase, Dialect = "postgresql" };
        using var session = PostgresSession.Open(_target, cancellation);
        // PostgreSQL 15 added NULLS NOT DISTINCT; older servers have no such column.
        var nullsNotDistinct = session.ServerVersionNumber >= 150000 ? "ix.indnullsnotdistinct" : "false";
        var indexNullsNotDistinct = session.ServerVersionNumber >= 150000 ? "i.indnullsnotdistinct" : "false";
        string[] queries =
        [
            PostgresCatalogQueries.Database,
            PostgresCatalogQueries.Enums,
            PostgresCatalogQueries.Tables,
            PostgresCatalogQueries.Columns,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, PostgresCatalogQueries.ConstraintsTemplate, nullsNotDistinct),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, PostgresCatalogQueries.IndexesTemplate, indexNullsNotDistinct),
            PostgresCatalogQueries.Triggers,
        ];
        session.ReadOnly(cancellation, queries, (i, reader) =>
        {
            switch (i)
            {
                case 0: ReadDatabase(reader); break;
                case 1: ReadEnums(reader); break;
                case 2: ReadTables(reader); break;
                case 3: ReadColumns(reader); break;
                case 4: ReadConstraints(reader); break;
                case 5: ReadIndexes(reader); break;
                case 6: ReadTriggers(reader); break;
            }
        });
        QueryCount = session.QueryCount;
        return _schema;
    }

    private SourceSpan Span(string objectName) => LiveSpans.Of(_target.DisplayName, objectName);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary><c>public</c> is the default schema: left implicit, as unqualified DDL leaves it.</summary>
    private static string? SchemaOf(string nspname) => nspname == "public" ? null : nspname;

    private static string Qualified(string nspname, string name) => nspname == "public" ? name : $"{nspname}.{name}";

    private void ReadDatabase(DbDataReader r)
    {
        if (!r.Read()) return;
        _schema.UsageStatisticsSince = r.IsDBNull(1) ? null : new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero);
        _schema.HasUsageStatistics = !r.IsDBNull(2) && r.GetBoolean(2);
    }

    private void ReadEnums(DbDataReader r)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (r.Read())
        {
            var name = Qualified(r.GetString(0), r.GetString(1));
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
                order.Add(name);
            }
            list.Add(r.GetString(2));
        }
        foreach (var name in order)
        {
            var type = new EnumType(name, values[name], Span("type " + name));
            _enums[name] = type;
            _schema.Enums.Add(type);
        }
    }

    private void ReadTables(DbDataReader r)
    {
        while (r.Read())
        {
            var nspname = r.GetString(1);
            var name = r.GetString(2);
            var table = new Table
            {
                Name = name,
                SchemaName = SchemaOf(nspname),
                Comment = Text(r, 3),
                RowEstimate = r.IsDBNull(4) || r.GetInt64(4) < 0 ? null : r.GetInt64(4),
                Scans = r.IsDBNull(5) ? null : r.GetInt64(5),
                Span = Span($"{nspname}.{name}"),
            };
            _tablesByOid[(uint)r.GetValue(0)] = table;
            _schema.Tables.Add(table);
        }
    }

    private void ReadColumns(DbDataReader r)
    {
        while (r.Read())
        {
            if (!_tablesByOid.TryGetValue((uint)r.GetValue(0), out var table)) continue;
            var number = r.GetInt16(1);
            var name = r.GetString(2);
            var formatType = r.GetString(3);
            var column = new Column
            {
                Name = name,
                TypeAsWritten = formatType,
                Nullable = !r.GetBoolean(4),
                Comment = Text(r, 11),
                Collation = Text(r, 12),
                Span = Span($"{table.Span.Path[(table.Span.Path.IndexOf('#', StringComparison.Ordinal) + 1)..]}.{name}"),
            };
            if (r.GetString(8) == "e")
            {
                column.Type = LogicalType.Enum;
                column.EnumName = Qualified(r.GetString(9), r.GetString(10));
            }
            else
            {
                (column.Type, column.Length) = DatabaseTypeName.Map(formatType);
            }
            column.IsIdentity = Text(r, 6) is "a" or "d";
            var defaultExpression = Text(r, 5);
            var generated = Text(r, 7) is { Length: > 0 } g && g != "\0";
            if (defaultExpression is not null && !generated)
            {
                if (defaultExpression.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase))
                    column.IsIdentity = true; // SERIAL: the same fact the SQL front-end records
                else
                    column.ServerDefault = new DefaultValue(CatalogText.WithoutOwnTypeCast(defaultExpression, formatType), false, column.Span);
            }
            table.Columns.Add(column);
            _columnsByNumber[((uint)r.GetValue(0), number)] = column;
        }
    }

    private List<string> ColumnNames(uint tableOid, DbDataReader r, int ordinal)
    {
        var names = new List<string>();
        if (r.IsDBNull(ordinal)) return names;
        foreach (var number in (short[])r.GetValue(ordinal))
            names.Add(_columnsByNumber.TryGetValue((tableOid, number), out var c) ? c.Name : $"#{number}");
        return names;
    }

    private void ReadConstraints(DbDataReader r)
    {
        var targetNumbers = new List<(ForeignKey Fk, uint TargetOid, short[] Numbers)>();
        while (r.Read())
        {
            var oid = (uint)r.GetValue(0);
            if (!_tablesByOid.TryGetValue(oid, out var table)) continue;
            var name = r.GetString(1);
            var columns = ColumnNames(oid, r, 3);
            var span = Span($"{ObjectPath(table)}/{name}");
            switch (r.GetString(2))
            {
                case "p":
                    var key = new PrimaryKey { Name = name, Span = span };
                    key.Columns.AddRange(columns);
                    table.PrimaryKey = key;
                    foreach (var c in columns)
                        if (table.FindColumn(c) is { } column)
                        {
                            column.IsPrimaryKey = true;
                            column.Nullable = false;
                        }
                    break;
                case "u":
                    var unique = new UniqueConstraint { Name = name, NullsNotDistinct = !r.IsDBNull(10) && r.GetBoolean(10), Span = span };
                    unique.Columns.AddRange(columns);
                    table.UniqueConstraints.Add(unique);
                    break;
                case "f":
                    var fk = new ForeignKey
                    {
                        Name = name,
                        TargetTable = r.IsDBNull(5) ? "?" : Qualified(r.GetString(4), r.GetString(5)),
                        OnDelete = Action(r.GetString(7)),
                        OnUpdate = Action(r.GetString(8)),
                        Span = span,
                    };
                    fk.Columns.AddRange(columns);
                    table.ForeignKeys.Add(fk);
                    if (!r.IsDBNull(6)) targetNumbers.Add((fk, (uint)r.GetValue(11), (short[])r.GetValue(6)));
                    break;
                case "c":
                    table.Checks.Add(new CheckConstraint { Name = name, Expression = CatalogText.CheckExpression(r.GetString(9)), Span = span });
                    break;
            }
        }
        // Target column numbers refer to the target table: resolve them once every table is known.
        foreach (var (fk, targetOid, numbers) in targetNumbers)
        {
            foreach (var number in numbers)
                fk.TargetColumns.Add(_columnsByNumber.TryGetValue((targetOid, number), out var c) ? c.Name : $"#{number}");
        }
    }

    /// <summary>
    /// In the catalog, NO ACTION is both what a FK says when it says nothing and what it says when
    /// it says NO ACTION: the live model records <see cref="ReferentialAction.NoAction"/>.
    /// </summary>
    private static ReferentialAction Action(string code) => code switch
    {
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        "r" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };

    private static string ObjectPath(Table table) => table.Span.Path[(table.Span.Path.IndexOf('#', StringComparison.Ordinal) + 1)..];

    private void ReadIndexes(DbDataReader r)
    {
        while (r.Read())
        {
            if (!_tablesByOid.TryGetValue((uint)r.GetValue(0), out var table)) continue;
            var name = r.GetString(1);
            var definition = r.GetString(4);
            var span = Span($"{ObjectPath(table)}/{name}");
            var index = new Index
            {
                Name = name,
                IsUnique = r.GetBoolean(2),
                Method = r.GetString(3) is var method && method == "btree" ? null : method,
                NullsNotDistinct = !r.IsDBNull(5) && r.GetBoolean(5),
                Scans = r.IsDBNull(6) ? null : r.GetInt64(6),
                Span = span,
            };
            var script = SqlParser.Parse(span.Path, definition);
            if (script.Statements is [CreateIndexStatement statement] && script.Diagnostics.Count == 0)
            {
                foreach (var element in statement.Elements)
                {
                    index.Columns.Add(element.Text);
                    index.IsExpression.Add(element.IsExpression);
                    if (element.OperatorClass is not null) index.OperatorClasses[element.Text] = element.OperatorClass;
                    if (element.Collation is not null) index.Collations[element.Text] = element.Collation;
                }
                if (statement.Where is not null) index.Where = CatalogText.WithoutOuterParentheses(statement.Where);
            }
            else
            {
                _schema.Diagnostics.Add(new Diagnostic(span, $"index `{name}`: could not read its definition `{definition}`", DiagnosticSeverity.Warning));
            }
            table.Indexes.Add(index);
        }
    }

    private void ReadTriggers(DbDataReader r)
    {
        while (r.Read())
        {
            if (!_tablesByOid.TryGetValue((uint)r.GetValue(0), out var table)) continue;
            var trigger = r.GetString(1);
            var source = Text(r, 3) ?? "";
            // The SQL front-end's reading of a trigger function body: which NEW.<column> it assigns.
            var script = SqlParser.Parse("", $"CREATE FUNCTION f() RETURNS trigger AS $schema_audit${source}$schema_audit$ LANGUAGE plpgsql;");
            if (script.Statements is not [CreateFunctionStatement function]) continue;
            foreach (var columnName in function.AssignedNewColumns.Distinct(StringComparer.OrdinalIgnoreCase))
                if (table.FindColumn(columnName) is { } column)
                    _schema.UpdateHooks.Add(new UpdateHook(table.Name, column.Name, $"trigger {trigger}", Span($"{ObjectPath(table)}/{trigger}")));
        }
    }
}
