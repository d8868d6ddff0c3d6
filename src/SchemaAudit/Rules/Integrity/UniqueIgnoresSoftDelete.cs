using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A soft-deleted table whose unique constraints still count deleted rows: deleting <c>acme</c> and creating it again fails,
/// because the retired row still holds the name.
/// </summary>
public sealed class UniqueIgnoresSoftDelete : Rule
{
    // Values nobody types twice: a deleted row holding one never blocks a re-creation.
    private static readonly FrozenSet<string> s_generatedWords = new[]
    {
        "hash", "digest", "token", "uuid", "guid", "nonce", "fingerprint", "checksum", "secret", "signature", "external", "idempotency",
        "key", "code", "url", "uri",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Last words of values people choose and choose again: a name, a slug, an address.
    private static readonly FrozenSet<string> s_reusableWords = new[]
    {
        "name", "slug", "email", "username", "handle", "login", "title", "domain", "hostname", "subdomain", "phone", "nickname", "alias",
        "label",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "unique-ignores-soft-delete",
        Title = "Unique constraint counts soft-deleted rows",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "With soft delete, a deleted row stays in the table. A plain unique constraint on `slug` or `email` still sees it, so the "
            + "value can never be used again: re-creating a deleted project, or re-inviting a user who left, fails with a duplicate-key "
            + "error that the user cannot understand, and support has to purge rows by hand.",
        Fix = "Make the uniqueness apply to live rows only: a partial unique index `CREATE UNIQUE INDEX … ON t (slug) WHERE deleted_at IS NULL` "
            + "(SQLAlchemy `postgresql_where`/`sqlite_where`, Drizzle `.where(sql`…`)`) instead of the constraint.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE projects (
                id uuid PRIMARY KEY,
                slug text NOT NULL UNIQUE,
                deleted_at timestamptz
            );
            """,
        GoodExample = """
            CREATE TABLE projects (
                id uuid PRIMARY KEY,
                slug text NOT NULL,
                deleted_at timestamptz
            );
            CREATE UNIQUE INDEX projects_slug_live ON projects (slug) WHERE deleted_at IS NULL;
            """,
        KnownProblems = "Severity: a warning, only with real soft delete (a `deleted_at`, `is_deleted`, `deleted`, `removed_at` or "
            + "`trashed_at` column: an archived or disabled row is still the row, and its value is still taken) and only for keys people "
            + "re-use: at least one text column named like a name, slug, email, username, handle, title or domain. Random or external values "
            + "(`*_token`, `*_hash`, `*_key`, `*_code`, `*_id`, URLs, UUIDs) never collide with a deleted row's and are skipped. A unique "
            + "key that includes the soft-delete column itself is left alone. Code that frees the value when it deletes a row (rewriting "
            + "the email to `<email>-<id>-deleted`) is not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (SoftDeleteMarkers.Column(table) is not { } softDelete) continue;
            foreach (var unique in table.UniqueConstraints)
            {
                if (Blocks(table, unique.Columns, null, softDelete))
                    yield return Build(context, table, unique.Columns, unique.Span, unique.Name, softDelete);
            }
            foreach (var index in table.Indexes)
            {
                if (!index.IsUnique || Mentions(index.Columns, softDelete)) continue;
                // Expression elements (`lower(email)`) are judged by the plain columns beside them; an expression-only index is skipped.
                var plainColumns = index.Columns.Where((_, i) => i >= index.IsExpression.Count || !index.IsExpression[i]).ToList();
                if (Blocks(table, plainColumns, index.Where, softDelete))
                    yield return Build(context, table, index.Columns, index.Span, index.Name, softDelete);
            }
        }
    }

    private static bool Mentions(List<string> elements, Column softDelete) =>
        elements.Exists(e => TableTraits.Mentions(e, softDelete.Name));

    /// <summary>True when live rows and retired rows compete for the same values of a re-usable natural key.</summary>
    private static bool Blocks(Table table, List<string> columns, string? where, Column softDelete)
    {
        if (columns.Count == 0 || TableTraits.Mentions(where, softDelete.Name)) return false;
        if (columns.Exists(c => string.Equals(c, softDelete.Name, StringComparison.OrdinalIgnoreCase))) return false;
        var hasNaturalKey = false;
        foreach (var name in columns)
        {
            var column = table.FindColumn(name);
            if (column is null) return false;
            // A random or external value in the key: the combination never collides with a deleted row's.
            if (NameHeuristics.AnyWordIn(column.Name, s_generatedWords)) return false;
            var words = NameHeuristics.Words(column.Name);
            if (column.Type == LogicalType.Text && !column.IsPrimaryKey && s_reusableWords.Contains(words[^1])) hasNaturalKey = true;
        }
        return hasNaturalKey;
    }

    private Finding Build(RuleContext context, Table table, List<string> columns, SourceSpan span, string? name, Column softDelete)
    {
        var list = string.Join(", ", columns);
        var what = name is null ? $"The unique key ({list})" : $"Unique `{name}` ({list})";
        var predicate = softDelete.Type == LogicalType.Bool ? $"NOT {softDelete.Name}" : $"{softDelete.Name} IS NULL";
        var indexName = $"{table.Name}_{string.Join('_', columns)}_live";
        var fix = FixSyntax.For(context, span);
        var index = fix.Index(table, columns, indexName, unique: true, where: predicate);
        return Report(span,
            $"{what} on `{table.Name}` also counts soft-deleted rows (`{softDelete.Name}`): once a row is deleted, its value can never be used "
            + "again, and re-creating it fails with a duplicate-key error.",
            $"Replace it with a partial unique index on live rows: `{index.TrimEnd(';')}`"
            + (fix.IsSql ? $" (then drop the old key{(name is null ? "" : $" `{name}`")})." : "."),
            table: table.Name, column: columns.Count == 1 ? columns[0] : null,
            after: index);
    }
}
