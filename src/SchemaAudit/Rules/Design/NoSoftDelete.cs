using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// A core entity that is hard-deleted and takes its children with it (ON DELETE CASCADE, or an ORM cascade
/// that deletes): one wrong delete destroys a whole tree of data, with no way back short of a backup restore.
/// </summary>
public sealed class NoSoftDelete : Rule
{
    // A column with one of these words retires rows instead of deleting them.
    private static readonly FrozenSet<string> s_retirementWords = new[]
    {
        "deleted", "deletion", "archived", "archive", "removed", "discarded", "trashed", "purged", "tombstone", "tombstoned",
        "deactivated", "disabled", "inactive",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Boolean switches that retire a row without deleting it (`is_active`, `enabled`).
    private static readonly FrozenSet<string> s_activeFlags =
        new[] { "active", "is_active", "enabled", "is_enabled" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Columns a pure link table may have besides its foreign keys.
    private static readonly FrozenSet<string> s_linkTableExtras = new[]
    {
        "id", "created_at", "updated_at", "created_by", "added_at", "position", "sort_order", "order", "role", "type", "kind",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "no-soft-delete",
        Title = "Core entity hard-deleted with cascading children",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "When deleting a row also deletes its children (messages of a session, items of an order), one wrong click, "
            + "script or API call destroys a whole tree of data. Without a soft-delete marker the only recovery is a backup "
            + "restore, which also rolls back everything else written since.",
        Fix = "Add a nullable `deleted_at` timestamp, set it instead of deleting, filter it out in queries (e.g. with a default "
            + "query criterion), and purge old soft-deleted rows in a scheduled job. Keep partial unique indexes on "
            + "`deleted_at IS NULL` so deleted rows do not block re-creation.",
        BadExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String, Text
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                messages = relationship("Message", back_populates="session", cascade="all, delete-orphan", lazy="select")


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True)
                content = Column(Text)
                session = relationship("Session", back_populates="messages", lazy="joined")
            """,
        GoodExample = """
            from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                deleted_at = Column(DateTime(timezone=True), nullable=True)
                messages = relationship("Message", back_populates="session", cascade="all, delete-orphan", lazy="select")


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True)
                content = Column(Text)
                session = relationship("Session", back_populates="messages", lazy="joined")
            """,
        KnownProblems = "Only tables mapped by an ORM class are considered (a live database or DDL cannot say which tables are entities). "
            + "Parents whose cascading children are all pure link tables (foreign keys plus bookkeeping columns) are not reported: "
            + "deleting them loses links, not content. A status enum with a `deleted`/`archived` value, and an `is_active`/`enabled` flag, count as a way to retire rows.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var enums = new Dictionary<string, EnumType>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in context.Schema.Enums) enums.TryAdd(e.Name, e);

        foreach (var table in context.Schema.Tables)
        {
            if (table.Entity is null || table.IsAssociationTable) continue;
            var children = CascadeChildren(context, table);
            if (children.Count == 0 || HasSoftDelete(table, enums)) continue;

            var list = string.Join(", ", children.Select(c => $"`{c.Child}`"));
            var how = children[0].How;
            var fix = FixSyntax.For(context, table.Span);
            var (column, after) = fix.Language switch
            {
                FixLanguage.SqlAlchemy => ("deleted_at = mapped_column(DateTime(timezone=True), nullable=True)",
                    "deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)"),
                FixLanguage.Drizzle => ("deletedAt: timestamp(\"deleted_at\", { withTimezone: true })",
                    "deletedAt: timestamp(\"deleted_at\", { withTimezone: true }),"),
                _ => ($"deleted_at {fix.SqlTimestampType}", fix.AddColumn(table, $"deleted_at {fix.SqlTimestampType}")),
            };
            yield return Report(table.Span,
                $"`{table.Name}` rows are hard-deleted, and deleting one also deletes its {list} ({how}): an accidental delete cannot be undone.",
                $"Add `{column}` to `{fix.TableObject(table)}`, set it instead of deleting, "
                + "and filter it in queries; purge old soft-deleted rows in a scheduled job.",
                table: table.Name,
                after: after);
        }
    }

    /// <summary>Content tables (not pure link tables) whose rows go when a row of <paramref name="parent"/> is deleted, in a stable order.</summary>
    private static List<(string Child, string How)> CascadeChildren(RuleContext context, Table parent)
    {
        var result = new List<(string Child, string How)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (child, fk) in context.ForeignKeysTo(parent))
        {
            if (fk.OnDelete != ReferentialAction.Cascade || ReferenceEquals(child, parent) || IsLinkTable(child)) continue;
            if (seen.Add(child.Name)) result.Add((child.Name, $"ON DELETE CASCADE on `{child.Name}.{string.Join(", ", fk.Columns)}`"));
        }
        foreach (var rel in context.RelationshipsOf(parent.Entity!.Name))
        {
            if (rel.ViewOnly || rel.Kind == RelationshipKind.ManyToOne || !CascadesDelete(rel.Cascade) || rel.Secondary is not null) continue;
            var child = rel.TargetTable is { } t ? context.FindTable(t) : rel.TargetEntity is { } e ? FindTableOf(context, e) : null;
            if (child is null || ReferenceEquals(child, parent) || IsLinkTable(child)) continue;
            if (seen.Add(child.Name)) result.Add((child.Name, $"`{rel.Attribute}` has `cascade=\"{rel.Cascade}\"`"));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Child, b.Child));
        return result;
    }

    private static Table? FindTableOf(RuleContext context, string entityName) =>
        context.FindEntity(entityName)?.TableName is { } name ? context.FindTable(name) : null;

    private static bool CascadesDelete(string? cascade)
    {
        if (cascade is null) return false;
        foreach (var part in cascade.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is "all" or "delete" or "delete-orphan") return true;
        }
        return false;
    }

    /// <summary>An association table, or one that holds nothing but foreign keys and bookkeeping columns.</summary>
    private static bool IsLinkTable(Table table)
    {
        if (table.IsAssociationTable) return true;
        if (table.ForeignKeys.Count < 2) return false;
        var fkColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fk in table.ForeignKeys) fkColumns.UnionWith(fk.Columns);
        return table.Columns.TrueForAll(c => fkColumns.Contains(c.Name) || s_linkTableExtras.Contains(c.Name));
    }

    // The enum named by the column, or failing that the one its type is written with (`Enum(ProjectStatus)`).
    private static EnumType? EnumOf(Column column, Dictionary<string, EnumType> enums)
    {
        if (column.EnumName is { } name && enums.TryGetValue(name, out var named)) return named;
        var written = column.TypeAsWritten;
        var open = written.IndexOf('(');
        var close = written.IndexOfAny([',', ')'], open + 1);
        if (open >= 0 && close > open && enums.TryGetValue(written[(open + 1)..close].Trim(), out var byArgument)) return byArgument;
        return null;
    }

    private static bool HasSoftDelete(Table table, Dictionary<string, EnumType> enums)
    {
        foreach (var column in table.Columns)
        {
            if (column.Type == LogicalType.Bool && s_activeFlags.Contains(column.Name)) return true;
            foreach (var word in NameHeuristics.Words(column.Name))
                if (s_retirementWords.Contains(word)) return true;
            if (column.Type == LogicalType.Enum && EnumOf(column, enums) is { } type
                && type.Values.Any(v => NameHeuristics.Words(v).Any(s_retirementWords.Contains)))
                return true;
        }
        return false;
    }
}
