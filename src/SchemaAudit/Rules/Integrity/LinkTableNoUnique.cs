using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>An association/edge table whose links can be inserted twice.</summary>
public sealed class LinkTableNoUnique : Rule
{
    // Columns that qualify a link rather than describe something else: part of the natural key.
    private static readonly HashSet<string> s_linkQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "kind", "role", "relation", "relation_type", "relationship_type", "link_type", "edge_type",
    };

    // Tables that record occurrences (every view, click, visit is a row): duplicates are the data.
    private static readonly string[] s_occurrenceSuffixes =
        ["log", "logs", "event", "events", "view", "views", "visit", "visits", "click", "clicks", "history", "histories", "audit", "audits"];

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "link-table-no-unique",
        Title = "Link table without a unique key over its foreign keys",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "A link table with a surrogate `id` as its only key accepts the same pair twice: a user follows someone twice, a tag is "
            + "attached to a post twice. Collections then show duplicates, counts are wrong, and removing the link removes only one of them. "
            + "The ORM cannot prevent it under concurrent requests; only a unique key can.",
        Fix = "Make the foreign-key columns (plus the link type, if there is one) the composite primary key, or add a `UniqueConstraint` over them.",
        BadExample = """
            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Follow(Base):
                __tablename__ = "follows"
                id: Mapped[int] = mapped_column(primary_key=True)
                follower_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
                followed_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, UniqueConstraint
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Follow(Base):
                __tablename__ = "follows"
                __table_args__ = (UniqueConstraint("follower_id", "followed_id"),)
                id: Mapped[int] = mapped_column(primary_key=True)
                follower_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
                followed_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
            """,
        KnownProblems = "A mapped class counts as a link table only when it has nothing but two or more mandatory foreign keys to other tables, a surrogate key, "
            + "a link type (`type`, `kind`, `role`) and audit timestamps; a link with payload columns (`conversation_members.last_read_at`) "
            + "is not recognised, nor a table that other tables reference (its rows have an identity of their own). Tables named like occurrence logs (`*_views`, `*_events`, `*_log`) are skipped. A table with no primary key "
            + "at all is left to `table-no-primary-key`.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.PrimaryKey is not { Columns.Count: > 0 } pk) continue;
            var fkColumns = new HashSet<string>(table.ForeignKeys.SelectMany(fk => fk.Columns), StringComparer.OrdinalIgnoreCase);
            if (table.ForeignKeys.Count < 2 || fkColumns.Count < 2 || !IsLinkTable(table, fkColumns, pk)) continue;
            // Rows that other rows reference (a message with reactions) are entities in their own right.
            if (context.ForeignKeysTo(table).Any(x => x.Table != table)) continue;

            var qualifiers = table.Columns.Where(c => s_linkQualifiers.Contains(c.Name)).Select(c => c.Name);
            var linkColumns = new HashSet<string>(fkColumns.Concat(qualifiers), StringComparer.OrdinalIgnoreCase);
            if (HasLinkKey(table, pk, linkColumns)) continue;

            var ordered = table.Columns.Where(c => linkColumns.Contains(c.Name)).Select(c => c.Name).ToList();
            var quoted = string.Join(", ", ordered.Select(c => $"\"{c}\""));
            var fix = FixSyntax.For(context, table.Span);
            var unique = fix.UniqueConstraint(table, ordered);
            yield return Report(table.Span,
                $"Link table `{table.Name}` has no primary key or unique constraint over ({string.Join(", ", ordered)}): the same link can be stored twice.",
                fix.Language switch
                {
                    FixLanguage.SqlAlchemy => $"Add `UniqueConstraint({quoted})` to `{table.Name}` (or make these columns its composite primary key).",
                    FixLanguage.Drizzle => $"Add `{unique}` to the extra config of `{fix.TableObject(table)}` (or make these columns its composite primary key).",
                    _ => $"Add a unique constraint over ({string.Join(", ", ordered)}) to `{table.Name}` in a new migration (or make these columns its composite primary key).",
                },
                table: table.Name,
                after: fix.IsSqlAlchemy ? $"__table_args__ = (UniqueConstraint({quoted}),)" : unique);
        }
    }

    private static bool IsLinkTable(Table table, HashSet<string> fkColumns, PrimaryKey pk)
    {
        if (IsOccurrenceLog(table.Name)) return false;
        if (table.IsAssociationTable) return true;

        // A link joins two mandatory ends, each once: a tree (self-reference), an optional end (`ON DELETE SET NULL`)
        // or a column shared by two foreign keys (a denormalised child row) says "entity", not "link".
        if (table.ForeignKeys.Exists(fk => string.Equals(StripSchema(fk.TargetTable), table.Name, StringComparison.OrdinalIgnoreCase))) return false;
        if (table.ForeignKeys.Sum(fk => fk.Columns.Count) != fkColumns.Count) return false;
        if (fkColumns.Any(name => table.FindColumn(name) is not { Nullable: false })) return false;

        foreach (var column in table.Columns)
        {
            var isSurrogateKey = pk.Columns.Count == 1 && pk.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase);
            if (fkColumns.Contains(column.Name) || isSurrogateKey || s_linkQualifiers.Contains(column.Name)
                || AuditColumnNames.IsCreatedName(column.Name) || AuditColumnNames.IsUpdatedName(column.Name))
                continue;
            return false; // a payload column: this is an entity with references, not a link
        }
        return true;
    }

    // A key made only of link columns makes a duplicate link impossible.
    private static bool HasLinkKey(Table table, PrimaryKey pk, HashSet<string> linkColumns)
    {
        if (pk.Columns.TrueForAll(linkColumns.Contains)) return true;
        if (table.UniqueConstraints.Exists(u => u.Columns.Count > 0 && u.Columns.TrueForAll(linkColumns.Contains))) return true;
        return table.Indexes.Exists(i => i.IsUnique && i.Columns.Count > 0 && !i.IsExpression.Contains(true) && i.Columns.TrueForAll(linkColumns.Contains));
    }

    private static string StripSchema(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    private static bool IsOccurrenceLog(string tableName)
    {
        var lower = tableName.ToLowerInvariant();
        foreach (var suffix in s_occurrenceSuffixes)
        {
            if (lower == suffix || lower.EndsWith("_" + suffix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
