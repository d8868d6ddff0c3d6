using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules.Drift;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Drift;

/// <summary>
/// Compares two views of one schema and reports each difference as a <c>schema-drift</c> finding:
/// a table or column present in one view only, nullability, type (logical type, and length where
/// both know it), server default, primary key, foreign key (columns, target, actions), index
/// (columns or expressions, uniqueness, predicate; names ignored) and unique constraint. The
/// finding points at the first view's declaration and names the other's in <see cref="Finding.RelatedSpans"/>.
/// Every lookup is by name, so the comparison is linear in the size of the two schemas.
/// </summary>
public sealed class DriftDetector
{
    private readonly Schema _a;
    private readonly Schema _b;
    private readonly string _nameA;
    private readonly string _nameB;
    private readonly bool _sqlite;
    private readonly List<Finding> _findings = [];
    private readonly TableLookup _lookupA;
    private readonly TableLookup _lookupB;
    private readonly Dictionary<Table, Table> _pairedWith = [];

    private DriftDetector(Schema a, Schema b)
    {
        _a = a;
        _b = b;
        _nameA = ViewNames.Of(a);
        _nameB = ViewNames.Of(b);
        _sqlite = IsSqlite(a.Dialect, b.Dialect);
        _lookupA = new TableLookup(a.Tables);
        _lookupB = new TableLookup(b.Tables);
        if (_nameA == _nameB)
        {
            _nameA = "the first view";
            _nameB = "the second view";
        }
    }

    /// <summary>The drift between <paramref name="first"/> and <paramref name="second"/>, in a deterministic order.</summary>
    public static IReadOnlyList<Finding> Compare(Schema first, Schema second)
    {
        var detector = new DriftDetector(first, second);
        detector.CompareTables();
        detector._findings.Sort(AuditEngine.CompareFindings);
        return detector._findings;
    }

    // One view may not know its dialect (a DDL file with nothing dialect-specific); two that disagree are not both SQLite.
    private static bool IsSqlite(string? a, string? b) =>
        (a, b) is ("sqlite", "sqlite") or ("sqlite", null) or (null, "sqlite");

    private static Dictionary<string, Table> ByIdentity(Schema schema)
    {
        var map = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in schema.Tables) map.TryAdd(TableLookup.Identity(table), table);
        return map;
    }

    /// <summary>
    /// The two views' tables paired by schema and name (<c>public.users</c> with <c>public.users</c>, never with
    /// <c>billing.users</c>); then a table left alone on each side with the same bare name pairs up (models that name
    /// no schema, a database that keeps them in one other than <c>public</c>).
    /// </summary>
    private static (List<(Table A, Table B)> Pairs, List<Table> OnlyA, List<Table> OnlyB) Pair(Schema a, Schema b)
    {
        var identityA = ByIdentity(a);
        var identityB = ByIdentity(b);
        var pairs = new List<(Table, Table)>();
        var onlyA = new List<Table>();
        foreach (var (key, ta) in identityA)
        {
            if (identityB.Remove(key, out var tb)) pairs.Add((ta, tb));
            else onlyA.Add(ta);
        }
        var onlyB = identityB.Values.ToList();
        var leftInB = onlyB.GroupBy(t => t.Name.ToLowerInvariant()).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var leftInA = onlyA.GroupBy(t => t.Name.ToLowerInvariant()).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var ta in onlyA.ToList())
        {
            var name = ta.Name.ToLowerInvariant();
            if (!leftInA.Contains(name) || !leftInB.Remove(name, out var tb)) continue;
            pairs.Add((ta, tb));
            onlyA.Remove(ta);
            onlyB.Remove(tb);
        }
        return (pairs, onlyA, onlyB);
    }

    private void Report(Severity severity, SourceSpan span, SourceSpan? other, string table, string? column, string message, string fix) =>
        _findings.Add(new Finding
        {
            RuleId = SchemaDrift.Metadata.Id,
            Severity = severity,
            Category = SchemaDrift.Metadata.Category,
            Message = message,
            Recommendation = fix,
            Span = span,
            RelatedSpans = other is { IsNone: false } o ? [o] : [],
            Table = table,
            ColumnName = column,
        });

    private string Where(SourceSpan span) => span.IsNone ? "" : $" ({Reporting.ReportText.Location(span)})";

    private const string MigrationFix = "Write a migration that brings the database to the intended schema, or correct the side that is wrong; then run `schema-audit diff` again.";

    private void CompareTables()
    {
        var (pairs, onlyA, onlyB) = Pair(_a, _b);
        foreach (var (ta, tb) in pairs) _pairedWith[ta] = tb;
        foreach (var ta in onlyA)
        {
            if (_b.HistoryLacksBaseline) continue; // the baseline the history starts from may hold it
            Report(Severity.Warning, ta.Span, null, ta.DisplayName, null, $"Table `{ta.DisplayName}` exists in {_nameA} but not in {_nameB}.",
                $"Create `{ta.DisplayName}` in a migration, or remove it from {_nameA} if it is gone.");
        }
        foreach (var (ta, tb) in pairs) CompareTable(ta, tb);
        foreach (var tb in onlyB)
        {
            if (_a.HistoryLacksBaseline) continue;
            Report(Severity.Warning, tb.Span, null, tb.DisplayName, null, $"Table `{tb.DisplayName}` exists in {_nameB} but not in {_nameA}.",
                $"Declare `{tb.DisplayName}` in {_nameA}, or drop it from {_nameB} if it is obsolete.");
        }
    }

    private void CompareTable(Table a, Table b)
    {
        // A table from an unseen baseline is known only by what the migrations changed: compare
        // the columns both sides know, and nothing that would need the rest of its definition.
        var partial = a.PredatesHistory || b.PredatesHistory;
        var columnsB = new Dictionary<string, Column>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in b.Columns) columnsB.TryAdd(c.Name, c);
        var columnsA = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ca in a.Columns)
        {
            columnsA.Add(ca.Name);
            if (!columnsB.TryGetValue(ca.Name, out var cb))
            {
                if (partial) continue;
                Report(MissingColumnSeverity(inModels: _a, declared: ca, lacking: _b), ca.Span, b.Span, a.DisplayName, ca.Name, $"Column `{a.DisplayName}.{ca.Name}` exists in {_nameA} but not in {_nameB}{Where(b.Span)}.",
                    $"Add `{ca.Name}` to `{a.DisplayName}` in a migration, or remove it from {_nameA}.");
                continue;
            }
            CompareColumn(a, ca, cb);
        }
        foreach (var cb in b.Columns)
            if (!columnsA.Contains(cb.Name) && !partial)
                Report(MissingColumnSeverity(inModels: _b, declared: cb, lacking: _a), a.Span, cb.Span, a.DisplayName, cb.Name, $"Column `{a.DisplayName}.{cb.Name}` exists in {_nameB}{Where(cb.Span)} but not in {_nameA}.",
                    $"Declare `{cb.Name}` in {_nameA}, or drop it in a migration.");
        if (partial) return;
        ComparePrimaryKeys(a, b);
        CompareForeignKeys(a, b);
        CompareIndexes(a, b);
    }

    private void CompareColumn(Table table, Column a, Column b)
    {
        var name = $"{table.DisplayName}.{a.Name}";
        if (a.Nullable != b.Nullable)
            Report(Severity.Warning, a.Span, b.Span, table.DisplayName, a.Name,
                $"`{name}` is {Nullability(a)} in {_nameA} but {Nullability(b)} in {_nameB}{Where(b.Span)}.", MigrationFix);
        if (_sqlite) CompareSqliteStorage(table, a, b);
        else if (a.Type != LogicalType.Unknown && b.Type != LogicalType.Unknown && a.Type != b.Type && !SameEnumOrText(a, b))
            Report(Severity.Warning, a.Span, b.Span, table.DisplayName, a.Name,
                $"`{name}` is {TypeName(a)} in {_nameA} but {TypeName(b)} in {_nameB}{Where(b.Span)}.", MigrationFix);
        else if (a.Type == b.Type && a.Length is { } la && b.Length is { } lb && la != lb)
            Report(Severity.Warning, a.Span, b.Span, table.DisplayName, a.Name,
                $"`{name}` holds at most {la} characters in {_nameA} but {lb} in {_nameB}{Where(b.Span)}.", MigrationFix);
        // Identity columns get their values from a sequence: how each view spells that is not a default.
        if (!a.IsIdentity && !b.IsIdentity)
        {
            var da = a.ServerDefault is { } x ? DefaultExpressionNormalizer.Normalize(x.Expression) : null;
            var db = b.ServerDefault is { } y ? DefaultExpressionNormalizer.Normalize(y.Expression) : null;
            if (da != db)
                Report(DefaultSeverity(a, b, da, db), a.Span, b.Span, table.DisplayName, a.Name,
                    $"`{name}` has server default {DefaultText(a)} in {_nameA} but {DefaultText(b)} in {_nameB}{Where(b.Span)}.", MigrationFix);
        }
    }

    /// <summary>
    /// SQLite types are affinities: a timestamp, boolean or JSON column of an ORM is INTEGER or TEXT storage, and
    /// lengths are never enforced. Only a different affinity changes what the database stores.
    /// </summary>
    private void CompareSqliteStorage(Table table, Column a, Column b)
    {
        if (SqliteAffinities.Of(a, _a.SourceKind) is not { } fa || SqliteAffinities.Of(b, _b.SourceKind) is not { } fb || fa == fb) return;
        Report(Severity.Warning, a.Span, b.Span, table.DisplayName, a.Name,
            $"`{table.DisplayName}.{a.Name}` is {TypeName(a)} in {_nameA} but {TypeName(b)} in {_nameB}{Where(b.Span)}: "
            + $"SQLite stores them with different affinities ({fa.ToString().ToUpperInvariant()} and {fb.ToString().ToUpperInvariant()}).", MigrationFix);
    }

    private static string Nullability(Column c) => c.Nullable ? "nullable" : "NOT NULL";

    private static string TypeName(Column c) =>
        c.Type == LogicalType.Enum && c.EnumName is { } e ? $"enum `{e}`" : $"`{c.Type.DisplayName()}`" + (c.TypeAsWritten.Length > 0 ? $" (`{c.TypeAsWritten}`)" : "");

    private static string DefaultText(Column c) => c.ServerDefault is { } d ? $"`{d.Expression}`" : "none";

    // A native enum in one view and a VARCHAR-backed enum (SQLAlchemy native_enum=False, SQLite) in the other hold the same values.
    private static bool SameEnumOrText(Column a, Column b) =>
        (a.Type, b.Type) is (LogicalType.Enum, LogicalType.Text) or (LogicalType.Text, LogicalType.Enum);

    private void ComparePrimaryKeys(Table a, Table b)
    {
        var ka = a.PrimaryKey is { } pa ? string.Join(", ", pa.Columns) : "";
        var kb = b.PrimaryKey is { } pb ? string.Join(", ", pb.Columns) : "";
        if (string.Equals(ka, kb, StringComparison.OrdinalIgnoreCase)) return;
        // The same key columns in another order enforce the same uniqueness: only the index's use differs.
        var sameSet = ka.Length > 0 && kb.Length > 0 && SetKey(a.PrimaryKey!.Columns) == SetKey(b.PrimaryKey!.Columns);
        Report(sameSet ? Severity.Suggestion : Severity.Warning, a.PrimaryKey?.Span ?? a.Span, b.PrimaryKey?.Span ?? b.Span, a.DisplayName, null,
            $"The primary key of `{a.DisplayName}` is {KeyText(ka)} in {_nameA} but {KeyText(kb)} in {_nameB}{Where(b.PrimaryKey?.Span ?? b.Span)}"
            + (sameSet ? ": the same columns in another order." : "."), MigrationFix);
    }

    private static string SetKey(IEnumerable<string> columns) => string.Join(",", columns.Select(c => c.Trim('"').ToLowerInvariant()).Order(StringComparer.Ordinal));

    private static string KeyText(string columns) => columns.Length == 0 ? "missing" : $"({columns})";

    /// <summary>Two foreign-key targets are the same table when the first view's target is paired with the second's (schema included).</summary>
    private bool SameTarget(string targetA, string targetB)
    {
        var ta = _lookupA.Find(targetA);
        var tb = _lookupB.Find(targetB);
        if (ta is not null && tb is not null) return _pairedWith.TryGetValue(ta, out var paired) && ReferenceEquals(paired, tb);
        return string.Equals(TargetName(targetA), TargetName(targetB), StringComparison.Ordinal);
    }

    // An unresolved target (a table neither view declares): compared by its bare name, as written.
    private static string TargetName(string name)
    {
        var dot = name.LastIndexOf('.');
        return (dot < 0 ? name : name[(dot + 1)..]).Trim('"').ToLowerInvariant();
    }

    private static string ColumnsKey(IEnumerable<string> columns) => string.Join(",", columns.Select(c => c.Trim('"').ToLowerInvariant()));

    // Unspecified and NO ACTION behave the same, and a database cannot tell them apart.
    private static ReferentialAction Effective(ReferentialAction action) =>
        action == ReferentialAction.Unspecified ? ReferentialAction.NoAction : action;

    private void CompareForeignKeys(Table a, Table b)
    {
        var fksB = new Dictionary<string, ForeignKey>(StringComparer.Ordinal);
        foreach (var fk in b.ForeignKeys) fksB.TryAdd(ColumnsKey(fk.Columns), fk);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fa in a.ForeignKeys)
        {
            var key = ColumnsKey(fa.Columns);
            if (!seen.Add(key)) continue;
            var column = fa.Columns.Count == 1 ? fa.Columns[0] : null;
            var label = $"`{a.DisplayName}.{string.Join(", ", fa.Columns)}`";
            if (!fksB.TryGetValue(key, out var fb))
            {
                Report(Severity.Warning, fa.Span, b.Span, a.DisplayName, column, $"Foreign key {label} → `{fa.TargetTable}` exists in {_nameA} but not in {_nameB}{Where(b.Span)}.", MigrationFix);
                continue;
            }
            if (!SameTarget(fa.TargetTable, fb.TargetTable)
                || (fa.TargetColumns.Count > 0 && fb.TargetColumns.Count > 0 && ColumnsKey(fa.TargetColumns) != ColumnsKey(fb.TargetColumns)))
                Report(Severity.Warning, fa.Span, fb.Span, a.DisplayName, column,
                    $"Foreign key {label} references `{Target(fa)}` in {_nameA} but `{Target(fb)}` in {_nameB}{Where(fb.Span)}.", MigrationFix);
            if (Effective(fa.OnDelete) != Effective(fb.OnDelete))
                Report(Severity.Warning, fa.Span, fb.Span, a.DisplayName, column,
                    $"Foreign key {label} is ON DELETE {Effective(fa.OnDelete).ToSql()} in {_nameA} but ON DELETE {Effective(fb.OnDelete).ToSql()} in {_nameB}{Where(fb.Span)}.", MigrationFix);
            // Keys are rarely updated: a different ON UPDATE seldom changes what happens.
            if (Effective(fa.OnUpdate) != Effective(fb.OnUpdate))
                Report(Severity.Suggestion, fa.Span, fb.Span, a.DisplayName, column,
                    $"Foreign key {label} is ON UPDATE {Effective(fa.OnUpdate).ToSql()} in {_nameA} but ON UPDATE {Effective(fb.OnUpdate).ToSql()} in {_nameB}{Where(fb.Span)}.", MigrationFix);
        }
        foreach (var fb in b.ForeignKeys)
        {
            var key = ColumnsKey(fb.Columns);
            if (seen.Contains(key)) continue;
            seen.Add(key);
            Report(Severity.Warning, a.Span, fb.Span, a.DisplayName, fb.Columns.Count == 1 ? fb.Columns[0] : null,
                $"Foreign key `{a.DisplayName}.{string.Join(", ", fb.Columns)}` → `{fb.TargetTable}` exists in {_nameB}{Where(fb.Span)} but not in {_nameA}.", MigrationFix);
        }
    }

    private static string Target(ForeignKey fk) => fk.TargetColumns.Count > 0 ? $"{fk.TargetTable}({string.Join(", ", fk.TargetColumns)})" : fk.TargetTable;

    /// <summary>One index or uniqueness fact of a table, as <see cref="Definitions"/> identifies it.</summary>
    private sealed record Definition(string Label, SourceSpan Span, bool Unique, string SameColumnsKey);

    /// <summary>
    /// Uniqueness over plain columns is one fact whether written as a UNIQUE constraint, <c>unique=True</c>
    /// or a unique index; everything else is an index identified by its definition.
    /// </summary>
    private static Dictionary<string, Definition> Definitions(Table table)
    {
        var map = new Dictionary<string, Definition>(StringComparer.Ordinal);
        foreach (var unique in table.UniqueConstraints)
            map.TryAdd($"unique({ColumnsKey(unique.Columns)})",
                new Definition($"unique constraint ({string.Join(", ", unique.Columns)})", unique.Span, true, $"unique({SetKey(unique.Columns)})"));
        foreach (var index in table.Indexes)
        {
            var elements = index.Columns.Select((c, i) =>
                i < index.IsExpression.Count && index.IsExpression[i] ? SqlTextNormalizer.Normalize(c, table.Name) : c.Trim('"').ToLowerInvariant()).ToList();
            var where = SqlTextNormalizer.Normalize(index.Where, table.Name);
            var plainUnique = index.IsUnique && where.Length == 0 && !index.IsExpression.Contains(true);
            string Shape(IEnumerable<string> columns) => plainUnique
                ? $"unique({string.Join(",", columns)})"
                : $"{(index.IsUnique ? "unique " : "")}index({string.Join(",", columns)}) using {index.Method ?? "btree"} where {where}";
            var label = $"{(index.IsUnique ? "unique " : "")}index ({string.Join(", ", index.Columns)}){(index.Method is { } m ? $" USING {m}" : "")}"
                + (index.Where is { } w ? $" WHERE {w}" : "");
            map.TryAdd(Shape(elements), new Definition(label, index.Span, index.IsUnique, Shape(elements.Order(StringComparer.Ordinal))));
        }
        return map;
    }

    /// <summary>
    /// Indexes and unique constraints. One present in both views over the same columns in another order is one
    /// "differs" finding (a suggestion: the same rows are indexed, only which queries it serves changes). A
    /// missing unique constraint is a warning (the database and the code disagree on what may be stored); a
    /// missing plain index is a suggestion (a slower query, not a wrong one).
    /// </summary>
    private void CompareIndexes(Table a, Table b)
    {
        var da = Definitions(a);
        var db = Definitions(b);
        var onlyInB = new Dictionary<string, (string Key, Definition Definition)>(StringComparer.Ordinal);
        foreach (var (key, definition) in db)
            if (!da.ContainsKey(key)) onlyInB.TryAdd(definition.SameColumnsKey, (key, definition));
        var reordered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, definition) in da)
        {
            if (db.ContainsKey(key)) continue;
            if (onlyInB.TryGetValue(definition.SameColumnsKey, out var other) && reordered.Add(other.Key))
            {
                Report(Severity.Suggestion, definition.Span, other.Definition.Span, a.DisplayName, null,
                    $"`{a.DisplayName}` has {definition.Label} in {_nameA} but {other.Definition.Label} in {_nameB}{Where(other.Definition.Span)}: the same columns in another order.",
                    "Put the columns in the same order in both places (the leading column decides which queries the index serves); then run `schema-audit diff` again.");
                continue;
            }
            Report(definition.Unique ? Severity.Warning : Severity.Suggestion, definition.Span, b.Span, a.DisplayName, null,
                $"`{a.DisplayName}` has {definition.Label} in {_nameA} but not in {_nameB}{Where(b.Span)}.", MigrationFix);
        }
        foreach (var (key, definition) in db)
            if (!da.ContainsKey(key) && !reordered.Contains(key))
                Report(definition.Unique ? Severity.Warning : Severity.Suggestion, a.Span, definition.Span, a.DisplayName, null,
                    $"`{a.DisplayName}` has {definition.Label} in {_nameB}{Where(definition.Span)} but not in {_nameA}.", MigrationFix);
    }

    // ----- severity by consequence -----

    /// <summary>
    /// A column the models map but the database side lacks breaks every query of that entity (the ORM selects
    /// and inserts every mapped column): critical. A NOT NULL column without a default that the models do not
    /// map breaks every insert the ORM makes: critical too. Any other missing column is a warning.
    /// </summary>
    private static Severity MissingColumnSeverity(Schema inModels, Column declared, Schema lacking)
    {
        var modelsView = inModels.SourceKind == SchemaSourceKind.OrmModels && lacking.SourceKind != SchemaSourceKind.OrmModels;
        if (modelsView) return Severity.Critical;
        var databaseOnly = inModels.SourceKind != SchemaSourceKind.OrmModels && lacking.SourceKind == SchemaSourceKind.OrmModels;
        if (databaseOnly && !declared.Nullable && declared.ServerDefault is null && !declared.IsIdentity) return Severity.Critical;
        return Severity.Warning;
    }

    /// <summary>
    /// Defaults that differ in value (after normalizing their spelling) are a suggestion: the code usually sets the
    /// value itself, and a migration often keeps the default it used to backfill. The exception is a NOT NULL column
    /// whose default exists in one view only: an insert that omits it fails where the default is missing.
    /// </summary>
    private static Severity DefaultSeverity(Column a, Column b, string? normalizedA, string? normalizedB)
    {
        var oneSided = normalizedA is null || normalizedB is null;
        return oneSided && !a.Nullable && !b.Nullable && a.ClientDefault is null && b.ClientDefault is null ? Severity.Warning : Severity.Suggestion;
    }
}
