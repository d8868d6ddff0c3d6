using SchemaAudit.Model;
using SchemaAudit.Rules.Design;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Design;

public sealed class NoSoftDeleteTests
{
    private static Table Entity(string table, string entity, int line, params Column[] columns)
    {
        var t = Table(table, line, columns);
        t.Entity = new Entity { Name = entity, TableName = table };
        return t.WithPrimaryKey("id");
    }

    private static Schema Sessions(bool withDeletedAt, Action<Table, Table, Schema>? customise = null)
    {
        var sessions = Entity("sessions", "Session", 5, Col("id", LogicalType.Int64, 6));
        if (withDeletedAt) sessions.Columns.Add(Col("deleted_at", LogicalType.TimestampTz, 7));
        var messages = Entity("messages", "Message", 20, Col("id", LogicalType.Int64, 21), Col("session_id", LogicalType.Int64, 22), Col("content", LogicalType.Text, 23));
        var schema = Schema(sessions, messages);
        schema.Entities.AddRange([sessions.Entity!, messages.Entity!]);
        customise?.Invoke(sessions, messages, schema);
        return schema;
    }

    [Fact]
    public void Reports_a_parent_whose_orm_cascade_deletes_content()
    {
        var schema = Sessions(false, (_, messages, s) =>
        {
            messages.ForeignKeys.Add(Fk("sessions", 22, ["session_id"], onDelete: ReferentialAction.Unspecified));
            s.Relationships.Add(new Relationship
            {
                OwnerEntity = "Session", Attribute = "messages", TargetEntity = "Message", TargetTable = "messages",
                Kind = RelationshipKind.OneToMany, IsCollection = true, Cascade = "all, delete-orphan", Span = Line(9),
            });
        });

        var finding = Assert.Single(Run(new NoSoftDelete(), schema));
        Assert.Equal(5, finding.Span.Line);
        Assert.Contains("`messages`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("deleted_at", finding.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_parent_of_an_on_delete_cascade_fk()
    {
        var schema = Sessions(false, (_, messages, _) => messages.ForeignKeys.Add(Fk("sessions", 22, ["session_id"])));
        Assert.Single(Run(new NoSoftDelete(), schema));
    }

    [Fact]
    public void Silent_with_a_soft_delete_column_or_a_retiring_status()
    {
        Assert.Empty(Run(new NoSoftDelete(), Sessions(true, (_, m, _) => m.ForeignKeys.Add(Fk("sessions", 22, ["session_id"])))));

        var withStatus = Sessions(false, (sessions, messages, schema) =>
        {
            messages.ForeignKeys.Add(Fk("sessions", 22, ["session_id"]));
            var status = Col("status", LogicalType.Enum, 8, "Enum(SessionStatus)");
            sessions.Columns.Add(status);
            schema.Enums.Add(new EnumType("SessionStatus", ["ACTIVE", "ARCHIVED"], Line(2)));
        });
        Assert.Empty(Run(new NoSoftDelete(), withStatus));
    }

    [Fact]
    public void Silent_when_only_link_rows_or_itself_cascade()
    {
        var schema = Sessions(false, (sessions, _, s) =>
        {
            sessions.ForeignKeys.Add(Fk("sessions", 8, ["id"]));
            var link = Table("session_skills", 30, Col("session_id", LogicalType.Int64, 31), Col("skill_id", LogicalType.Int64, 32));
            link.ForeignKeys.Add(Fk("sessions", 31, ["session_id"]));
            link.ForeignKeys.Add(Fk("skills", 32, ["skill_id"]));
            s.Tables.Add(link);
        });
        Assert.Empty(Run(new NoSoftDelete(), schema));
    }
}
