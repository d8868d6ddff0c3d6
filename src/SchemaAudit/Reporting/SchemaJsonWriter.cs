using System.Text.Json;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting;

/// <summary>
/// <c>schema-audit schema --format json</c>: the unified model as the tool understood it.
/// Everything is sorted (tables, entities, relationships by name; columns keep their declared
/// order, which is part of the model), so two front-ends reading the same schema can be
/// compared with <c>includeLocations: false</c>.
/// </summary>
public static class SchemaJsonWriter
{
    public static void Write(Schema schema, TextWriter output, bool includeLocations = true) =>
        JsonOutput.Write(output, writer => new Emitter(writer, includeLocations).Schema(schema));

    private sealed class Emitter(Utf8JsonWriter w, bool includeLocations)
    {
        private static readonly StringComparer s_order = StringComparer.Ordinal;

        public void Schema(Schema schema)
        {
            w.WriteStartObject();
            w.WriteString("sourceKind", schema.SourceKind.ToString());
            w.StringOrNull("dialect", schema.Dialect);

            w.WriteStartArray("tables");
            foreach (var table in schema.Tables.OrderBy(t => t.QualifiedName, s_order))
                Table(table);
            w.WriteEndArray();

            w.WriteStartArray("entities");
            foreach (var entity in schema.Entities.OrderBy(e => e.Name, s_order).ThenBy(e => e.Span.Path, s_order))
                Entity(entity);
            w.WriteEndArray();

            w.WriteStartArray("relationships");
            foreach (var rel in schema.Relationships.OrderBy(r => r.OwnerEntity, s_order).ThenBy(r => r.Attribute, s_order))
                Relationship(rel);
            w.WriteEndArray();

            w.WriteStartArray("enums");
            foreach (var e in schema.Enums.OrderBy(e => e.Name, s_order))
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.StringArray("values", e.Values);
                Location(e.Span);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("diagnostics");
            foreach (var d in ReportFacts.SortedDiagnostics(schema))
            {
                w.WriteStartObject();
                Location(d.Span);
                w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
                w.WriteString("message", d.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void Table(Table t)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.StringOrNull("schema", t.SchemaName);
            w.StringOrNull("entity", t.Entity?.Name);
            w.WriteBoolean("associationTable", t.IsAssociationTable);
            w.StringOrNull("comment", t.Comment);
            Location(t.Span);

            w.WriteStartArray("columns");
            foreach (var c in t.Columns) Column(c);
            w.WriteEndArray();

            if (t.PrimaryKey is { } pk)
            {
                w.WriteStartObject("primaryKey");
                w.StringOrNull("name", pk.Name);
                w.StringArray("columns", pk.Columns);
                Location(pk.Span);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("primaryKey");
            }

            w.WriteStartArray("indexes");
            foreach (var i in t.Indexes.OrderBy(i => i.Name ?? "", s_order).ThenBy(i => string.Join(",", i.Columns), s_order))
                Index(i);
            w.WriteEndArray();

            w.WriteStartArray("uniqueConstraints");
            foreach (var u in t.UniqueConstraints.OrderBy(u => string.Join(",", u.Columns), s_order).ThenBy(u => u.Name ?? "", s_order))
            {
                w.WriteStartObject();
                w.StringOrNull("name", u.Name);
                w.StringArray("columns", u.Columns);
                w.WriteBoolean("nullsNotDistinct", u.NullsNotDistinct);
                w.WriteBoolean("fromColumnFlag", u.FromColumnFlag);
                Location(u.Span);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("foreignKeys");
            foreach (var fk in t.ForeignKeys.OrderBy(f => string.Join(",", f.Columns), s_order).ThenBy(f => f.TargetTable, s_order))
            {
                w.WriteStartObject();
                w.StringOrNull("name", fk.Name);
                w.StringArray("columns", fk.Columns);
                w.WriteString("targetTable", fk.TargetTable);
                w.StringArray("targetColumns", fk.TargetColumns);
                w.WriteString("onDelete", fk.OnDelete.ToSql());
                w.WriteString("onUpdate", fk.OnUpdate.ToSql());
                Location(fk.Span);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("checks");
            foreach (var check in t.Checks.OrderBy(c => c.Expression, s_order).ThenBy(c => c.Name ?? "", s_order))
            {
                w.WriteStartObject();
                w.StringOrNull("name", check.Name);
                w.WriteString("expression", check.Expression);
                Location(check.Span);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void Column(Column c)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.Type.DisplayName());
            w.WriteString("typeAsWritten", c.TypeAsWritten);
            if (c.Length is { } length) w.WriteNumber("length", length);
            else w.WriteNull("length");
            w.StringOrNull("enumName", c.EnumName);
            w.WriteBoolean("nullable", c.Nullable);
            w.WriteBoolean("primaryKey", c.IsPrimaryKey);
            w.WriteBoolean("identity", c.IsIdentity);
            w.StringOrNull("default", c.ClientDefault);
            if (c.ServerDefault is { } sd)
            {
                w.WriteStartObject("serverDefault");
                w.WriteString("expression", sd.Expression);
                w.WriteBoolean("rawSql", sd.IsRawSql);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("serverDefault");
            }
            w.StringOrNull("onUpdate", c.OnUpdate);
            w.StringOrNull("comment", c.Comment);
            w.StringOrNull("doc", c.Doc);
            if (c.Attribute is { } a)
            {
                w.WriteStartObject("attribute");
                w.WriteString("name", a.Name);
                w.StringOrNull("annotation", a.Annotation);
                if (a.AnnotationNullable is { } n) w.WriteBoolean("annotationNullable", n);
                else w.WriteNull("annotationNullable");
                w.WriteBoolean("nullableExplicit", a.NullableExplicit);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("attribute");
            }
            Location(c.Span);
            w.WriteEndObject();
        }

        private void Index(Model.Index i)
        {
            w.WriteStartObject();
            w.StringOrNull("name", i.Name);
            w.StringArray("columns", i.Columns);
            w.WriteBoolean("unique", i.IsUnique);
            w.StringOrNull("where", i.Where);
            w.StringOrNull("method", i.Method);
            w.WriteStartObject("operatorClasses");
            foreach (var (column, opClass) in i.OperatorClasses.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
                w.WriteString(column, opClass);
            w.WriteEndObject();
            w.WriteString("origin", i.Origin == IndexOrigin.ColumnFlag ? "columnFlag" : "explicit");
            Location(i.Span);
            w.WriteEndObject();
        }

        private void Entity(Entity e)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.StringOrNull("table", e.TableName);
            w.StringArray("bases", e.Bases);
            w.WriteBoolean("abstract", e.IsAbstract);
            w.WriteBoolean("documented", e.HasDoc);
            w.StringArray("attributes", e.AttributeNames.Order(s_order));
            Location(e.Span);
            w.WriteEndObject();
        }

        private void Relationship(Relationship r)
        {
            w.WriteStartObject();
            w.WriteString("owner", r.OwnerEntity);
            w.WriteString("attribute", r.Attribute);
            w.StringOrNull("target", r.TargetEntity);
            w.StringOrNull("targetTable", r.TargetTable);
            w.WriteString("kind", KindName(r.Kind));
            w.StringOrNull("lazy", r.Lazy);
            w.StringOrNull("cascade", r.Cascade);
            w.WriteBoolean("passiveDeletes", r.PassiveDeletes);
            w.StringOrNull("backPopulates", r.BackPopulates);
            w.StringOrNull("backref", r.Backref);
            w.StringOrNull("secondary", r.Secondary);
            w.StringArray("remoteSide", r.RemoteSide);
            w.StringArray("foreignKeys", r.ForeignKeyColumns);
            w.WriteBoolean("collection", r.IsCollection);
            w.WriteBoolean("viewOnly", r.ViewOnly);
            Location(r.Span);
            w.WriteEndObject();
        }

        /// <summary><c>"location": "path:line"</c>, or nothing at all when locations are left out.</summary>
        private void Location(SourceSpan span)
        {
            if (!includeLocations) return;
            if (span.IsNone) w.WriteNull("location");
            else w.WriteString("location", ReportText.Location(span));
        }

        private static string KindName(RelationshipKind kind) => kind switch
        {
            RelationshipKind.ManyToOne => "many-to-one",
            RelationshipKind.OneToMany => "one-to-many",
            RelationshipKind.OneToOne => "one-to-one",
            RelationshipKind.ManyToMany => "many-to-many",
            _ => "unknown",
        };
    }
}
