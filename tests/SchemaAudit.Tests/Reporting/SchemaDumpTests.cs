using System.Text.Json;
using System.Text.RegularExpressions;
using SchemaAudit.Model;
using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

public sealed partial class SchemaDumpTests
{
    private static JsonElement Dump(Schema schema, bool includeLocations = true)
    {
        using var writer = new StringWriter();
        SchemaJsonWriter.Write(schema, writer, includeLocations);
        return JsonDocument.Parse(writer.ToString()).RootElement.Clone();
    }

    private static string Mermaid(Schema schema)
    {
        using var writer = new StringWriter();
        MermaidWriter.Write(schema, writer);
        return writer.ToString();
    }

    [Fact]
    public void Tables_are_sorted_and_carry_columns_keys_and_constraints()
    {
        var tables = Dump(SampleAudit.BuildSchema()).GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(["conversation_members", "conversations", "messages", "users"], tables.Select(t => t.GetProperty("name").GetString()));

        var messages = tables[2];
        var sender = messages.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sender_id");
        Assert.Equal("uuid", sender.GetProperty("type").GetString());
        Assert.Equal("UUID", sender.GetProperty("typeAsWritten").GetString());
        Assert.True(sender.GetProperty("nullable").GetBoolean());
        Assert.False(sender.GetProperty("primaryKey").GetBoolean());
        Assert.Equal("app/models/message.py:26", sender.GetProperty("location").GetString());
        Assert.Equal(["id"], messages.GetProperty("primaryKey").GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        var fk = messages.GetProperty("foreignKeys").EnumerateArray().Single(f => f.GetProperty("columns")[0].GetString() == "sender_id");
        Assert.Equal("users", fk.GetProperty("targetTable").GetString());
        Assert.Equal("SET NULL", fk.GetProperty("onDelete").GetString());
        Assert.Equal("unspecified", fk.GetProperty("onUpdate").GetString());

        var index = messages.GetProperty("indexes")[0];
        Assert.Equal(["conversation_id", "id"], index.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.False(index.GetProperty("unique").GetBoolean());
        Assert.Equal("explicit", index.GetProperty("origin").GetString());
        Assert.Equal("length(body) > 0", messages.GetProperty("checks")[0].GetProperty("expression").GetString());

        var created = tables[3].GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "created_at");
        Assert.Equal("now()", created.GetProperty("serverDefault").GetProperty("expression").GetString());
        Assert.True(created.GetProperty("serverDefault").GetProperty("rawSql").GetBoolean());
    }

    [Fact]
    public void Relationships_entities_enums_and_diagnostics_are_dumped()
    {
        var root = Dump(SampleAudit.BuildSchema());
        var rels = root.GetProperty("relationships").EnumerateArray().ToList();
        Assert.Equal(["Conversation.members", "Conversation.messages", "Message.conversation", "Message.reply_to"],
            rels.Select(r => $"{r.GetProperty("owner").GetString()}.{r.GetProperty("attribute").GetString()}"));
        Assert.Equal("many-to-many", rels[0].GetProperty("kind").GetString());
        Assert.Equal("conversation_members", rels[0].GetProperty("secondary").GetString());
        Assert.Equal("all, delete-orphan", rels[1].GetProperty("cascade").GetString());
        Assert.Equal("messages", rels[2].GetProperty("backPopulates").GetString());
        Assert.Equal(["id"], rels[3].GetProperty("remoteSide").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, root.GetProperty("entities").GetArrayLength());
        Assert.Equal(["text", "image", "system"], root.GetProperty("enums")[0].GetProperty("values").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("app/models/legacy.py:7", root.GetProperty("diagnostics")[0].GetProperty("location").GetString());
    }

    [Fact]
    public void Locations_can_be_left_out_to_compare_front_ends()
    {
        var schema = SampleAudit.BuildSchema();
        using var writer = new StringWriter();
        SchemaJsonWriter.Write(schema, writer, includeLocations: false);
        Assert.DoesNotContain("\"location\"", writer.ToString(), StringComparison.Ordinal);

        // The same model declared elsewhere (other lines, other order of tables) dumps identically.
        var moved = SampleAudit.BuildSchema();
        moved.Tables.Reverse();
        moved.Relationships.Reverse();
        foreach (var t in moved.Tables)
        {
            t.Span = SourceSpan.At("elsewhere.sql", 1, 1);
            foreach (var c in t.Columns) c.Span = SourceSpan.At("elsewhere.sql", 2, 1);
        }
        using var other = new StringWriter();
        SchemaJsonWriter.Write(moved, other, includeLocations: false);
        Assert.Equal(writer.ToString(), other.ToString());
    }

    [Fact]
    public void Mermaid_has_the_er_diagram_shape()
    {
        var text = Mermaid(SampleAudit.BuildSchema());
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("erDiagram", lines[0]);
        foreach (var line in lines.Skip(1))
            Assert.True(EntityOpen().IsMatch(line) || Attribute().IsMatch(line) || line == "    }" || RelationshipLine().IsMatch(line), $"not Mermaid: '{line}'");
        Assert.Equal(lines.Count(l => l.EndsWith(" {", StringComparison.Ordinal)), lines.Count(l => l == "    }"));
    }

    [Fact]
    public void Mermaid_marks_keys_and_derives_cardinality()
    {
        var text = Mermaid(SampleAudit.BuildSchema());
        Assert.Contains("        uuid id PK\n", text, StringComparison.Ordinal);
        Assert.Contains("        uuid conversation_id PK, FK\n", text, StringComparison.Ordinal);
        Assert.Contains("        text email UK\n", text, StringComparison.Ordinal);
        // NOT NULL FK: exactly one parent; nullable FK: zero or one; non-unique: many children.
        Assert.Contains("    conversations ||--o{ messages : \"conversation_id\"\n", text, StringComparison.Ordinal);
        Assert.Contains("    users |o--o{ messages : \"sender_id\"\n", text, StringComparison.Ordinal);
        Assert.Contains("    messages |o--o{ messages : \"reply_to_id\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_sanitizes_names_and_skips_unknown_targets()
    {
        var schema = new Schema();
        var odd = new Table { Name = "order items", SchemaName = "shop" };
        odd.Columns.Add(new Column { Name = "1st value", Type = LogicalType.Unknown, TypeAsWritten = "Numeric(10, 2)" });
        odd.Columns.Add(new Column { Name = "ghost_id", Type = LogicalType.Int64 });
        var fk = new ForeignKey { TargetTable = "ghosts" };
        fk.Columns.Add("ghost_id");
        odd.ForeignKeys.Add(fk);
        var unique = new Table { Name = "profiles" };
        unique.Columns.Add(new Column { Name = "item_id", Type = LogicalType.Int64, Nullable = false });
        var toOdd = new ForeignKey { TargetTable = "shop.order items" };
        toOdd.Columns.Add("item_id");
        unique.ForeignKeys.Add(toOdd);
        unique.UniqueConstraints.Add(new UniqueConstraint { Columns = { "item_id" } });
        schema.Tables.AddRange([odd, unique]);

        var text = Mermaid(schema);
        Assert.Contains("    shop_order_items {\n", text, StringComparison.Ordinal);
        Assert.Contains("        Numeric_10__2_ _1st_value\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghosts", text, StringComparison.Ordinal);
        Assert.Contains("    shop_order_items ||--o| profiles : \"item_id\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dumps_are_deterministic()
    {
        using var a = new StringWriter();
        using var b = new StringWriter();
        SchemaJsonWriter.Write(SampleAudit.BuildSchema(), a);
        SchemaJsonWriter.Write(SampleAudit.BuildSchema(), b);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(Mermaid(SampleAudit.BuildSchema()), Mermaid(SampleAudit.BuildSchema()));
    }

    [GeneratedRegex(@"^    [A-Za-z_][A-Za-z0-9_\-]* \{$")]
    private static partial Regex EntityOpen();

    [GeneratedRegex(@"^        [A-Za-z_][A-Za-z0-9_\-]* [A-Za-z_][A-Za-z0-9_\-]*( (PK|FK|UK)(, (PK|FK|UK))*)?$")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^    [A-Za-z_][A-Za-z0-9_\-]* (\|\||\|o)--(o\{|o\||\|\||\|\{) [A-Za-z_][A-Za-z0-9_\-]* : ""[^""]*""$")]
    private static partial Regex RelationshipLine();
}
