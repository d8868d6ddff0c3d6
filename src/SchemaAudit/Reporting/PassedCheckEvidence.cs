using SchemaAudit.Model;

namespace SchemaAudit.Reporting;

/// <summary>
/// "What is done well": for a rule that ran and found nothing, one sentence saying what holds,
/// with the evidence counted from the schema ("No foreign key lacks an index (24 FKs checked)").
/// A rule maps to null when it had nothing to check here (no JSON columns, no relationships):
/// praising the absence of a problem that cannot occur would be noise.
/// </summary>
internal static class PassedCheckEvidence
{
    private static readonly string[] s_auditTimestampNames = ["created_at", "updated_at", "modified_at", "createdAt", "updatedAt", "modifiedAt"];
    private static readonly string[] s_updatedNames = ["updated_at", "modified_at", "updatedAt", "modifiedAt", "last_modified"];
    private static readonly string[] s_statusNames = ["status", "state", "type", "kind", "level"];
    private static readonly string[] s_scopeNames = ["project_id", "org_id", "organization_id", "tenant_id", "workspace_id", "account_id"];
    private static readonly string[] s_softDeleteNames = ["deleted_at", "deletedAt", "is_deleted", "archived_at"];

    private static readonly Dictionary<string, Func<Schema, string?>> s_sentences = new(StringComparer.Ordinal)
    {
        ["table-no-primary-key"] = s => When(s.Tables.Count, n => $"Every table has a primary key ({Tables(n)})."),
        ["fk-missing-index"] = s => When(ForeignKeys(s).Count(), n => $"No foreign key lacks an index ({Fks(n)} checked)."),
        ["fk-on-delete-unspecified"] = s => When(ForeignKeys(s).Count(), n => $"Every foreign key states its `ON DELETE` behaviour ({Fks(n)})."),
        ["fk-set-null-not-null"] = s => When(ForeignKeys(s).Count(fk => fk.OnDelete == ReferentialAction.SetNull),
            n => $"No `ON DELETE SET NULL` targets a NOT NULL column ({ReportText.Count(n, "SET NULL foreign key")} checked)."),
        ["fk-target-missing"] = s => When(ForeignKeys(s).Count(),
            n => $"Every foreign key references a defined table and column ({Fks(n)}, {ReportText.Count(s.Relationships.Count, "relationship")})."),
        ["fk-type-mismatch"] = s => When(ForeignKeys(s).Count(), n => $"Foreign-key columns have the type of the column they reference ({Fks(n)})."),
        ["implied-fk-missing"] = s => When(Columns(s).Count(c => !c.IsPrimaryKey && EndsWithId(c.Name)),
            n => $"Every column whose name implies a reference is a declared foreign key ({ReportText.Count(n, "`*_id` column")})."),
        ["orm-nullability-mismatch"] = s => When(Columns(s).Count(c => c.Attribute?.AnnotationNullable is not null),
            n => $"Type annotations agree with column nullability ({ReportText.Count(n, "annotated column")})."),
        ["orm-remote-side-builtin"] = s => When(s.Relationships.Count(r => r.RemoteSide.Count > 0),
            n => $"Self-referential relationships name their `remote_side` column correctly ({ReportText.Count(n, "relationship")} with `remote_side`)."),
        ["orm-back-populates-mismatch"] = s => When(s.Relationships.Count(r => r.BackPopulates is not null),
            n => $"Every `back_populates` names an attribute that points back ({ReportText.Count(n, "relationship")})."),
        ["relationship-lazy-default"] = s => When(s.Relationships.Count,
            n => $"Every relationship states its loading strategy ({ReportText.Count(n, "relationship")})."),
        ["relationship-large-collection-eager"] = s => When(s.Relationships.Count(r => r.IsCollection),
            n => $"No potentially large collection is loaded eagerly ({ReportText.Count(n, "collection")} checked)."),
        ["association-cascade-gap"] = s => When(s.Tables.Count(t => t.IsAssociationTable),
            n => $"Association tables' database cascades are matched at the ORM level ({ReportText.Count(n, "association table")})."),
        ["link-table-no-unique"] = s => When(s.Tables.Count(t => t.IsAssociationTable),
            n => $"Every association table prevents duplicate links ({ReportText.Count(n, "association table")})."),
        ["denormalized-fk-divergence"] = s => When(s.Tables.Count(t => t.ForeignKeys.Count >= 2),
            n => $"No table references both a row and that row's parent separately ({ReportText.Count(n, "table")} with several foreign keys checked)."),
        ["polymorphic-nullable-fks"] = s => When(s.Tables.Count(t => t.ForeignKeys.Count(fk => AllNullable(t, fk)) >= 2),
            n => $"Tables with alternative nullable foreign keys constrain their combinations ({Tables(n)})."),
        ["cross-scope-reference"] = s => When(s.Tables.Count(t => t.Columns.Exists(c => NameIn(c.Name, s_scopeNames))),
            n => $"Links between scoped rows carry their scope column ({ReportText.Count(n, "scoped table")})."),
        ["soft-delete-cascade-gap"] = s => When(s.Tables.Count(IsSoftDeleted),
            n => $"Soft-deleted parents do not rely on `ON DELETE CASCADE` ({ReportText.Count(n, "soft-deleted table")})."),
        ["unique-ignores-soft-delete"] = s => When(s.Tables.Count(t => IsSoftDeleted(t) && (t.UniqueConstraints.Count > 0 || t.Indexes.Exists(i => i.IsUnique))),
            n => $"Unique constraints on soft-deleted tables let a deleted row be re-created ({Tables(n)})."),
        ["unique-nullable-column"] = s => When(s.Tables.Sum(t => t.UniqueConstraints.Count + t.Indexes.Count(i => i.IsUnique)),
            n => $"No unique constraint is defeated by NULLs ({ReportText.Count(n, "unique constraint or index", "unique constraints and indexes")})."),
        ["updated-at-never-updates"] = s => When(Columns(s).Count(c => NameIn(c.Name, s_updatedNames)),
            n => $"Every `updated_at` column is kept up to date ({ReportText.Count(n, "column")})."),
        ["audit-timestamp-nullable"] = s => When(Columns(s).Count(c => NameIn(c.Name, s_auditTimestampNames)),
            n => $"Audit timestamps are NOT NULL and have a default ({ReportText.Count(n, "`created_at`/`updated_at` column")})."),
        ["naive-utc-timestamp"] = s => When(Columns(s).Count(c => c.Type.IsTimestamp()),
            n => $"Timestamps are timezone-aware ({ReportText.Count(n, "timestamp column")})."),
        ["index-redundant"] = s => When(s.Tables.Sum(t => t.Indexes.Count + t.UniqueConstraints.Count),
            n => $"No index duplicates or prefixes another ({ReportText.Count(n, "index and unique constraint", "indexes and unique constraints")} compared)."),
        ["json-queryable-state"] = s => When(Columns(s).Count(c => c.Type.IsJson()),
            n => $"No JSON column hides state that queries filter on ({ReportText.Count(n, "JSON column")})."),
        ["json-not-jsonb"] = s => When(Columns(s).Count(c => c.Type.IsJson()),
            n => $"JSON columns use `jsonb` ({ReportText.Count(n, "JSON column")})."),
        ["jsonb-no-gin"] = s => When(Columns(s).Count(c => c.Type == LogicalType.Jsonb),
            n => $"Queried JSONB columns have GIN indexes ({ReportText.Count(n, "JSONB column")})."),
        ["overlapping-json-columns"] = s => When(Columns(s).Count(c => c.Type.IsJson()),
            n => $"No table keeps overlapping free-form JSON columns ({ReportText.Count(n, "JSON column")})."),
        ["server-default-raw-sql"] = s => When(Columns(s).Count(c => c.ServerDefault is not null),
            n => $"Server defaults are written portably ({ReportText.Count(n, "server default")})."),
        ["plaintext-secret-column"] = s => When(Columns(s).Count(),
            n => $"No column stores a password, token or key in clear ({ReportText.Count(n, "column")} checked)."),
        ["hardcoded-credentials"] = s => When(s.Files.Count,
            n => $"No database URL with a literal password in source ({ReportText.Count(n, "file")} scanned)."),
        ["status-text-unconstrained"] = s => When(Columns(s).Count(c => NameIn(c.Name, s_statusNames) || EndsWithAny(c.Name, "_status", "_state", "_type")),
            n => $"Status-like columns are constrained by an enum or CHECK ({ReportText.Count(n, "column")})."),
        ["random-uuid-time-ordered"] = s => When(s.Tables.Count(t => t.PrimaryKey is { Columns.Count: 1 } pk && t.FindColumn(pk.Columns[0])?.Type == LogicalType.Uuid),
            n => $"No append-heavy, time-ordered table is keyed by random UUIDs ({ReportText.Count(n, "UUID primary key")} checked)."),
        ["unused-suppression"] = s => When(s.Suppressions.Count,
            n => $"Every inline ignore comment still suppresses a finding ({ReportText.Count(n, "comment")})."),
    };

    /// <summary>The sentence for a passed rule, or null when the rule is unknown here or had nothing to check.</summary>
    public static string? For(string ruleId, Schema schema) =>
        s_sentences.TryGetValue(ruleId, out var sentence) ? sentence(schema) : null;

    private static string? When(int evidence, Func<int, string> sentence) => evidence > 0 ? sentence(evidence) : null;

    private static string Tables(int n) => ReportText.Count(n, "table");
    private static string Fks(int n) => ReportText.Count(n, "FK");

    private static IEnumerable<ForeignKey> ForeignKeys(Schema s) => s.Tables.SelectMany(t => t.ForeignKeys);
    private static IEnumerable<Column> Columns(Schema s) => s.Tables.SelectMany(t => t.Columns);

    private static bool NameIn(string name, string[] names) => Array.Exists(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    private static bool EndsWithAny(string name, params string[] suffixes) => Array.Exists(suffixes, x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase));
    private static bool EndsWithId(string name) => name.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal));
    private static bool IsSoftDeleted(Table t) => t.Columns.Exists(c => NameIn(c.Name, s_softDeleteNames));

    private static bool AllNullable(Table t, ForeignKey fk) =>
        fk.Columns.Count > 0 && fk.Columns.TrueForAll(name => t.FindColumn(name)?.Nullable ?? false);
}
