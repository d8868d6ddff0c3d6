using SchemaAudit.Model;
using SchemaAudit.Rules.Integrity;
using static SchemaAudit.Tests.Rules.Integrity.TestModel;

namespace SchemaAudit.Tests.Rules.Integrity;

public sealed class UpdatedAtNeverUpdatesTests
{
    private static Schema Documents(Column column)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("documents", 1, Col("id", pk: true), column));
        return schema;
    }

    private static Column Stamp(string name, LogicalType type = LogicalType.TimestampTz)
    {
        var c = Col(name, type, nullable: false, line: 7);
        c.ServerDefault = new DefaultValue("func.now()", false, At(7));
        return c;
    }

    [Theory]
    [InlineData("updated_at")]
    [InlineData("updatedAt")]
    [InlineData("last_modified")]
    [InlineData("modified_on")]
    public void Fires_on_updated_names_without_mechanism(string name) =>
        Assert.Equal([7], Run<UpdatedAtNeverUpdates>(Documents(Stamp(name))).Lines());

    [Fact]
    public void Onupdate_server_onupdate_and_mysql_on_update_count()
    {
        var a = Stamp("updated_at");
        a.OnUpdate = "func.now()";
        var b = Stamp("updated_at");
        b.ServerOnUpdate = "FetchedValue()";
        var c = Stamp("updated_at");
        c.ServerDefault = new DefaultValue("CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP", true, At(7));
        foreach (var column in new[] { a, b, c })
            Assert.Empty(Run<UpdatedAtNeverUpdates>(Documents(column)));
    }

    [Theory]
    [InlineData("documents")]
    [InlineData(null)] // a listener on a mixin or the base: every table with the column
    public void Update_hooks_count(string? table)
    {
        var schema = Documents(Stamp("updated_at"));
        schema.UpdateHooks.Add(new UpdateHook(table, "updated_at", "before_update listener", At(20)));
        Assert.Empty(Run<UpdatedAtNeverUpdates>(schema));
    }

    [Fact]
    public void Non_timestamps_and_non_orm_sources_without_triggers_are_silent()
    {
        Assert.Empty(Run<UpdatedAtNeverUpdates>(Documents(Stamp("updated", LogicalType.Bool))));
        var ddl = Documents(Stamp("updated_at"));
        ddl.SourceKind = SchemaSourceKind.SqlDdl;
        Assert.Empty(Run<UpdatedAtNeverUpdates>(ddl));
    }

    [Fact]
    public void Ddl_source_that_reads_triggers_is_judged()
    {
        var ddl = Documents(Stamp("updated_at"));
        ddl.SourceKind = SchemaSourceKind.SqlDdl;
        ddl.UpdateHooks.Add(new UpdateHook("folders", "updated_at", "trigger", At(30)));
        Assert.Equal([7], Run<UpdatedAtNeverUpdates>(ddl).Lines());
    }
}

public sealed class AuditTimestampNullableTests
{
    private static List<int> Check(Column column)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("invoices", 1, Col("id", pk: true), column));
        return Run<AuditTimestampNullable>(schema).Lines();
    }

    private static Column Stamp(string name, bool nullable, string? serverDefault, string? clientDefault = null)
    {
        var c = Col(name, LogicalType.TimestampTz, nullable: nullable, line: 7);
        if (serverDefault is not null) c.ServerDefault = new DefaultValue(serverDefault, false, At(7));
        c.ClientDefault = clientDefault;
        return c;
    }

    [Theory]
    [InlineData("created_at", true, null, null, true)]
    [InlineData("created_at", true, "func.now()", null, true)]
    [InlineData("created_at", false, null, null, true)]
    [InlineData("created_at", false, "func.now()", null, false)]
    [InlineData("createdAt", false, null, "datetime.now", false)]
    [InlineData("paid_at", true, null, null, false)]
    public void Reports_nullable_or_defaultless_audit_timestamps(string name, bool nullable, string? server, string? client, bool fires) =>
        Assert.Equal(fires ? [7] : [], Check(Stamp(name, nullable, server, client)));

    [Fact]
    public void Updated_at_null_until_first_update_is_deliberate()
    {
        var c = Stamp("updated_at", nullable: true, serverDefault: null);
        c.OnUpdate = "func.now()";
        c.Attribute = new OrmAttribute("updated_at", "Mapped[Optional[datetime]]", true, false, At(7));
        Assert.Empty(Check(c));

        c.Attribute = null; // a nullable `updated_at` with no default is NULL until the first update whatever the annotation
        Assert.Empty(Check(c));

        c.Nullable = false; // NOT NULL with no default: inserts that omit it fail
        Assert.Equal([7], Check(c));
    }
}

public sealed class NaiveUtcTimestampTests
{
    private static List<Analysis.Finding> Check(Column column, string? dialect = null)
    {
        var schema = new Schema { Dialect = dialect };
        schema.Tables.Add(Tbl("sessions", 1, Col("id", pk: true), column));
        return Run<NaiveUtcTimestamp>(schema);
    }

    private static Column Stamp(string name, LogicalType type, string? clientDefault = null, string? onUpdate = null)
    {
        var c = Col(name, type, line: 7);
        c.TypeAsWritten = type == LogicalType.Timestamp ? "DateTime" : "DateTime(timezone=True)";
        c.ClientDefault = clientDefault;
        c.OnUpdate = onUpdate;
        return c;
    }

    [Theory]
    [InlineData("datetime.utcnow")]
    [InlineData("datetime.datetime.utcnow")]
    [InlineData("lambda: datetime.utcnow()")]
    [InlineData("datetime.now")]
    [InlineData("lambda: datetime.now()")]
    public void Naive_values_are_reported_in_any_dialect(string expression) =>
        Assert.Single(Check(Stamp("created_at", LogicalType.TimestampTz, expression)));

    [Theory]
    [InlineData("lambda: datetime.now(timezone.utc)")]
    [InlineData("lambda: datetime.now(tz=UTC)")]
    [InlineData("utcnow")]          // the project's own helper
    [InlineData("func.now()")]
    public void Aware_values_are_silent(string expression) =>
        Assert.Empty(Check(Stamp("created_at", LogicalType.TimestampTz, expression)));

    [Fact]
    public void Default_and_onupdate_give_one_finding_with_the_type_fix()
    {
        var finding = Assert.Single(Check(Stamp("updated_at", LogicalType.Timestamp, "datetime.utcnow", "datetime.utcnow")));
        Assert.Equal("DateTime, default=datetime.utcnow, onupdate=datetime.utcnow", finding.Before);
        Assert.Equal("DateTime(timezone=True), default=lambda: datetime.now(timezone.utc), onupdate=lambda: datetime.now(timezone.utc)", finding.After);
    }

    [Theory]
    [InlineData("postgresql", "occurred_at", true)]
    [InlineData("postgresql", "birthday_reminder", false)] // the name does not say it is an instant
    [InlineData(null, "occurred_at", false)]               // dialect unknown
    [InlineData("sqlite", "occurred_at", false)]
    public void Naive_column_type_needs_postgresql(string? dialect, string name, bool fires) =>
        Assert.Equal(fires ? 1 : 0, Check(Stamp(name, LogicalType.Timestamp), dialect).Count);
}
