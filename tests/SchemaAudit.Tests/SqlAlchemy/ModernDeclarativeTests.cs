using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class ModernDeclarativeTests
{
    private static readonly Fixture s_f = Fixture.Load("modern");
    private const string File = "models.py";

    [Fact]
    public void Base_is_not_a_table_and_dialect_is_postgresql()
    {
        Assert.Equal(["accounts", "entries"], s_f.Schema.Tables.Select(t => t.Name));
        Assert.Equal("postgresql", s_f.Schema.Dialect);
        Assert.DoesNotContain(s_f.Schema.Entities, e => e.Name == "Base");
    }

    [Fact]
    public void Types_are_inferred_from_annotations_when_not_written()
    {
        Assert.Equal(LogicalType.Uuid, s_f.Column("accounts", "id").Type);
        Assert.Equal(LogicalType.Decimal, s_f.Column("accounts", "balance").Type);
        Assert.Equal(LogicalType.Jsonb, s_f.Column("accounts", "settings").Type);
        Assert.Equal(LogicalType.Timestamp, s_f.Column("accounts", "closed_at").Type);
        Assert.Equal(LogicalType.Int32, s_f.Column("entries", "id").Type);
        Assert.Equal(LogicalType.Uuid, s_f.Column("entries", "account_id").Type);
    }

    [Fact]
    public void Nullability_follows_annotations_and_explicit_arguments()
    {
        Assert.False(s_f.Column("accounts", "name").Nullable);
        Assert.False(s_f.Column("accounts", "balance").Nullable); // annotation-only, not Optional
        Assert.True(s_f.Column("accounts", "closed_at").Nullable); // annotation-only Optional
        Assert.True(s_f.Column("accounts", "owner_id").Nullable);

        var amount = s_f.Column("entries", "amount");
        Assert.True(amount.Nullable); // explicit nullable=True wins over Mapped[Decimal]
        Assert.Equal(new OrmAttribute("amount", "Mapped[Decimal]", false, true, amount.Span), amount.Attribute);
        Assert.Equal(s_f.At(File, "amount: Mapped"), amount.Span.Where());
    }

    [Fact]
    public void Foreign_key_to_a_class_attribute_resolves_to_the_table()
    {
        var fk = Assert.Single(s_f.Table("entries").ForeignKeys);
        Assert.Equal("accounts", fk.TargetTable);
        Assert.Equal(["id"], fk.TargetColumns);
        var self = Assert.Single(s_f.Table("accounts").ForeignKeys);
        Assert.Equal(ReferentialAction.SetNull, self.OnDelete);
    }

    [Fact]
    public void Module_level_index_attaches_to_the_class_table()
    {
        var entries = s_f.Table("entries");
        var explicitIndex = entries.Indexes.Single(i => i.Origin == IndexOrigin.Explicit);
        Assert.Equal("ix_entries_account_created", explicitIndex.Name);
        Assert.Equal(["account_id", "created_at"], explicitIndex.Columns);
        Assert.Equal([false, false], explicitIndex.IsExpression);
        Assert.Equal(s_f.LineOf(File, "Index(\"ix_entries_account_created\""), explicitIndex.Span.Line);
        Assert.Single(entries.Indexes, i => i.Origin == IndexOrigin.ColumnFlag && i.Columns[0] == "account_id");
    }

    [Fact]
    public void Relationships_from_annotations()
    {
        var entries = s_f.Relationship("Account", "entries");
        Assert.Equal("Entry", entries.TargetEntity);
        Assert.Equal(RelationshipKind.OneToMany, entries.Kind);
        Assert.True(entries.IsCollection);
        Assert.Equal("account", entries.BackPopulates);
        Assert.Equal("all, delete-orphan", entries.Cascade);
        Assert.Null(entries.Lazy);

        var events = s_f.Relationship("Account", "events");
        Assert.Equal("write_only", events.Lazy);
        Assert.True(events.ViewOnly);
        Assert.True(events.IsCollection);

        var account = s_f.Relationship("Entry", "account");
        Assert.Equal(RelationshipKind.ManyToOne, account.Kind);
        Assert.Equal("selectin", account.Lazy);
        Assert.False(account.IsCollection);
        Assert.Contains("entries", s_f.Entity("Account").AttributeNames);
        Assert.Contains("account_id", s_f.Entity("Entry").AttributeNames);
    }

    [Fact]
    public void Server_defaults_raw_and_portable()
    {
        var settings = s_f.Column("accounts", "settings").ServerDefault!;
        Assert.True(settings.IsRawSql);
        Assert.Equal("'{}'", settings.Expression); // a plain string is rendered as a quoted SQL literal
        Assert.False(s_f.Column("entries", "created_at").ServerDefault!.IsRawSql);
        Assert.Equal("uuid.uuid4", s_f.Column("accounts", "id").ClientDefault);
    }
}
