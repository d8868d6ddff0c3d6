using SchemaAudit.Model;
using SchemaAudit.Rules.Integrity;
using static SchemaAudit.Tests.Rules.Integrity.TestModel;

namespace SchemaAudit.Tests.Rules.Integrity;

/// <summary>A mixin's column or foreign key, copied into several tables, is one declaration: one finding.</summary>
public sealed class SharedDeclarationTests
{
    private static Schema TwoTablesSharing(Func<Column> column, Func<ForeignKey>? fk = null)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("tenants", 1, Col("id", pk: true)));
        foreach (var (name, line) in new[] { ("invoices", 20), ("customers", 30) })
        {
            var table = Tbl(name, line, Col("id", pk: true), column());
            if (fk is not null) table.ForeignKeys.Add(fk());
            schema.Tables.Add(table);
        }
        return schema;
    }

    [Fact]
    public void Mixin_fk_without_on_delete_is_reported_once_naming_every_table()
    {
        var schema = TwoTablesSharing(() => Col("tenant_id", line: 12), () => Fk("tenant_id", "tenants.id", line: 12));
        var finding = Assert.Single(Run<FkOnDeleteUnspecified>(schema));
        Assert.Equal(12, finding.Span.Line);
        Assert.Contains("`tenant_id` (shared by `invoices`, `customers`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixin_timestamp_is_reported_once()
    {
        Column Stamp()
        {
            var c = Col("updated", LogicalType.Timestamp, nullable: true, line: 8);
            c.ClientDefault = "dt.datetime.utcnow";
            c.OnUpdate = "dt.datetime.utcnow";
            return c;
        }
        var schema = TwoTablesSharing(Stamp);
        Assert.Equal([8], Run<NaiveUtcTimestamp>(schema).Lines());
        Assert.Equal([8], Run<AuditTimestampNullable>(schema).Lines());
    }

    [Fact]
    public void Same_name_in_different_declarations_stays_apart()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("tenants", 1, Col("id", pk: true)));
        var a = Tbl("invoices", 20, Col("id", pk: true), Col("tenant_id", line: 22));
        a.ForeignKeys.Add(Fk("tenant_id", "tenants.id", line: 22));
        var b = Tbl("customers", 30, Col("id", pk: true), Col("tenant_id", line: 32));
        b.ForeignKeys.Add(Fk("tenant_id", "tenants.id", line: 32));
        schema.Tables.AddRange([a, b]);
        Assert.Equal([22, 32], Run<FkOnDeleteUnspecified>(schema).Lines());
    }

    [Fact]
    public void Fk_type_taken_from_the_annotation_is_not_compared()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("accounts", 1, Col("id", LogicalType.Int64, pk: true)));
        var local = Col("account_id", LogicalType.Int32, line: 7);
        local.TypeAsWritten = "int";
        local.Attribute = new OrmAttribute("account_id", "Mapped[int | None]", true, false, At(7));
        var invoices = Tbl("invoices", 5, Col("id", pk: true), local);
        invoices.ForeignKeys.Add(Fk("account_id", "accounts.id", ReferentialAction.Cascade, line: 7));
        schema.Tables.Add(invoices);
        Assert.Empty(Run<FkTypeMismatch>(schema));

        local.TypeAsWritten = "Integer"; // written explicitly: a real INTEGER column
        Assert.Equal([7], Run<FkTypeMismatch>(schema).Lines());
    }
}
