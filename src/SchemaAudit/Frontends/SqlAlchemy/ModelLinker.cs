using SchemaAudit.Model;
using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// Cross-file resolution once every table exists: FK targets given as classes or class names,
/// FK-inferred column types, relationship targets, kinds and backrefs, association tables.
/// Every step is one pass with dictionary lookups.
/// </summary>
internal sealed class ModelLinker(ProjectIndex index, ModelRegistry registry, ExtractionDiagnostics diagnostics)
{
    public void LinkForeignKeys()
    {
        foreach (var table in registry.Tables)
        {
            foreach (var fk in table.ForeignKeys) Resolve(fk);
        }
        // Columns without a type of their own take the referenced column's type (SQLAlchemy does the same).
        foreach (var table in registry.Tables)
        {
            foreach (var column in table.TypeFromForeignKey)
            {
                var fk = table.Table.ForeignKeys.Find(f => f.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase));
                if (fk is null || fk.TargetColumns.Count == 0) continue;
                var targetColumn = registry.FindTable(fk.TargetTable)?.Table.FindColumn(fk.TargetColumns[0]);
                if (targetColumn is null) continue;
                column.Type = targetColumn.Type;
                column.Length = targetColumn.Length;
                column.EnumName = targetColumn.EnumName;
                if (column.TypeAsWritten.Length == 0) column.TypeAsWritten = targetColumn.TypeAsWritten;
            }
        }
    }

    private void Resolve(ForeignKeyDraft draft)
    {
        var fk = draft.Model;
        if (draft.TargetExpression is { } expr)
        {
            // ForeignKey(User.id), ForeignKey(users.c.id), ForeignKey(lambda: User.id)
            var symbol = index.Resolve(draft.Module, PyExpressions.UnwrapLambda(expr));
            if (symbol is MemberSymbol { Owner: var owner, Name: var attr })
            {
                var target = owner is MemberSymbol { Name: "c" or "columns", Owner: var tableRef } ? registry.BuilderOf(tableRef) : registry.BuilderOf(owner);
                // The name was bound to a mapped class when the line ran; a same-named unmapped class
                // defined further down the module (a Pydantic schema) rebinds it only afterwards.
                if (target is null && owner is ClassSymbol { Class: var unmapped } && registry.MappedOf(unmapped) is null)
                    target = MappedByRegistryName(unmapped.Name)?.Table;
                if (target is not null)
                {
                    fk.TargetTable = target.Table.QualifiedName;
                    SetTargetColumn(fk, target.ColumnName(attr));
                    return;
                }
            }
            fk.TargetTable = draft.Module.Ast.TextOf(expr);
            diagnostics.Info(fk.Span, $"foreign key target `{fk.TargetTable}` could not be resolved");
            return;
        }
        if (registry.FindTable(fk.TargetTable) is not null) return;
        // ForeignKey("User.id"): a class name where a table name belongs.
        if (index.ResolveClassText(draft.Module, fk.TargetTable) is { } cls && registry.MappedOf(cls) is { } mapped)
        {
            fk.TargetTable = mapped.Table.Table.QualifiedName;
            if (fk.TargetColumns.Count == 1) fk.TargetColumns[0] = mapped.Table.ColumnName(fk.TargetColumns[0]);
        }
    }

    private static void SetTargetColumn(Model.ForeignKey fk, string column)
    {
        fk.TargetColumns.Clear();
        fk.TargetColumns.Add(column);
    }

    /// <summary>
    /// A relationship target written as text is looked up in SQLAlchemy's class registry, which
    /// holds mapped classes only: a same-named Pydantic schema in the module does not shadow it.
    /// </summary>
    private MappedClass? MappedByRegistryName(string text)
    {
        var simple = text.Trim();
        simple = simple[(simple.LastIndexOf('.') + 1)..];
        if (simple.Length == 0) return null;
        MappedClass? found = null;
        foreach (var candidate in index.ClassesNamed(simple))
        {
            if (registry.MappedOf(candidate) is not { } mapped) continue;
            if (found is not null) return null; // two mapped classes share the name: SQLAlchemy would refuse too
            found = mapped;
        }
        return found;
    }

    public void LinkRelationships(IReadOnlyList<RelationshipDraft> drafts)
    {
        foreach (var draft in drafts)
        {
            var rel = draft.Model;
            var targetClass = draft.TargetExpression is { } expr ? index.ResolveClass(draft.Module, expr)
                : draft.TargetText is { } text ? index.ResolveClassText(draft.Module, text) : null;
            var target = registry.MappedOf(targetClass);
            if (target is null && (draft.TargetExpression is PyString ? PyExpressions.AsString(draft.TargetExpression) : draft.TargetExpression is null ? draft.TargetText : null) is { } registryName)
                target = MappedByRegistryName(registryName);
            if (target is not null)
            {
                rel.TargetEntity = target.Class.Name;
                rel.TargetTable = target.Table.Table.Name;
                if (rel.Backref is { } backref) target.Entity.AttributeNames.Add(backref);
            }
            else
            {
                var written = draft.TargetExpression is null ? draft.TargetText
                    : PyExpressions.AsString(draft.TargetExpression) ?? draft.Module.Ast.TextOf(draft.TargetExpression);
                // Only a name written as text can be a typo the rules should report; a Python
                // expression (`assoc_cls` built by `type(...)` in a factory) is resolved at run time.
                if (draft.TargetExpression is null or PyString) rel.TargetAsWritten = written;
                diagnostics.Info(rel.Span, $"relationship `{rel.OwnerEntity}.{rel.Attribute}`: target `{written ?? "?"}` is not a mapped class of the project");
            }

            var secondary = ResolveSecondary(draft);
            if (secondary is not null)
            {
                rel.Secondary = secondary.Table.Name;
                secondary.Table.IsAssociationTable = true;
            }
            else if (draft.SecondaryExpression is { } sec)
            {
                rel.Secondary = PyExpressions.AsString(sec) ?? draft.Module.Ast.TextOf(sec);
            }

            rel.Kind = KindOf(draft, target?.Table, rel.Secondary is not null);
            rel.IsCollection = draft.Collection ?? rel.Kind is RelationshipKind.OneToMany or RelationshipKind.ManyToMany;
        }
    }

    private TableBuilder? ResolveSecondary(RelationshipDraft draft)
    {
        if (draft.SecondaryExpression is not { } expr) return null;
        expr = PyExpressions.UnwrapLambda(expr);
        if (PyExpressions.AsString(expr) is { } name)
            return registry.FindTable(name) ?? registry.MappedOf(index.ResolveClassText(draft.Module, name))?.Table;
        return registry.BuilderOf(index.Resolve(draft.Module, expr));
    }

    private static RelationshipKind KindOf(RelationshipDraft draft, TableBuilder? target, bool hasSecondary)
    {
        if (hasSecondary) return RelationshipKind.ManyToMany;
        if (target is null) return RelationshipKind.Unknown;
        var owner = draft.Owner.Table;
        var collection = draft.Collection;
        if (owner == target)
        {
            if (collection is { } c) return c ? RelationshipKind.OneToMany : RelationshipKind.ManyToOne;
            if (draft.ForeignKeyColumnNames.Count > 0 && draft.Model.RemoteSide.Count == 0) return RelationshipKind.ManyToOne;
            return draft.Model.RemoteSide.Count > 0 ? RelationshipKind.ManyToOne : RelationshipKind.OneToMany;
        }
        var ownerHasFk = HasForeignKey(owner, target, draft.ForeignKeyColumnNames);
        var targetHasFk = HasForeignKey(target, owner, draft.ForeignKeyColumnNames);
        if (ownerHasFk && !targetHasFk) return RelationshipKind.ManyToOne;
        if (targetHasFk && !ownerHasFk) return collection == false ? RelationshipKind.OneToOne : RelationshipKind.OneToMany;
        if (ownerHasFk && targetHasFk) return collection == true ? RelationshipKind.OneToMany : RelationshipKind.ManyToOne;
        return RelationshipKind.Unknown;
    }

    private static bool HasForeignKey(TableBuilder from, TableBuilder to, HashSet<string> restrictTo)
    {
        foreach (var fk in from.Table.ForeignKeys)
        {
            if (!SameTable(fk.TargetTable, to.Table)) continue;
            if (restrictTo.Count == 0 || fk.Columns.Exists(restrictTo.Contains)) return true;
        }
        return false;
    }

    public static bool SameTable(string written, Table table) =>
        string.Equals(written, table.QualifiedName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(written, table.Name, StringComparison.OrdinalIgnoreCase)
        || (written.LastIndexOf('.') is var dot and > 0 && string.Equals(written[(dot + 1)..], table.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A plain <c>Table(...)</c> with two or more FKs and no ORM class is a link table.</summary>
    public void MarkAssociationTables()
    {
        foreach (var table in registry.Tables)
        {
            if (table.Table.Entity is null && table.Table.ForeignKeys.Count >= 2) table.Table.IsAssociationTable = true;
        }
    }
}
