using SchemaAudit.Model;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>Introspection of a real PostgreSQL database: every fact the model holds, read from the catalog.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIntrospectionTests(PostgresServer server)
{
    private Schema Full() => ReadSchema(server.Url(server.CreateDatabase(Fixture("live/full_schema.sql"))));

    [SkippableFact]
    public void Reads_tables_columns_types_defaults_identity_and_comments()
    {
        var schema = Full();
        Assert.Equal(SchemaSourceKind.LiveDatabase, schema.SourceKind);
        Assert.Equal("postgresql", schema.Dialect);
        Assert.Equal(["invoices", "memberships", "orgs", "users"], schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("billing", schema.FindTable("invoices")!.SchemaName);

        var orgs = schema.FindTable("orgs")!;
        Assert.Null(orgs.SchemaName);
        Assert.Equal("Customer organisations", orgs.Comment);
        var orgId = orgs.FindColumn("id")!;
        Assert.True(orgId.IsIdentity && orgId.IsPrimaryKey && !orgId.Nullable);
        Assert.Equal((LogicalType.Int32, "integer"), (orgId.Type, orgId.TypeAsWritten));
        var name = orgs.FindColumn("name")!;
        Assert.Equal((LogicalType.Text, 120, "Display name"), (name.Type, name.Length, name.Comment));
        Assert.Equal("CURRENT_TIMESTAMP", orgs.FindColumn("created_at")!.ServerDefault!.Expression);
        Assert.Equal(LogicalType.TimestampTz, orgs.FindColumn("created_at")!.Type);
        Assert.Equal(["name"], orgs.UniqueConstraints.Single().Columns);

        var users = schema.FindTable("users")!;
        var id = users.FindColumn("id")!;
        Assert.True(id.IsIdentity); // bigserial: a sequence default, recorded as identity like the SQL front-end does
        Assert.Null(id.ServerDefault);
        Assert.Equal(LogicalType.Int64, id.Type);
        var feeling = users.FindColumn("feeling")!;
        Assert.Equal((LogicalType.Enum, "mood", "'happy'"), (feeling.Type, feeling.EnumName, feeling.ServerDefault?.Expression));
        Assert.Equal("'{}'", users.FindColumn("settings")!.ServerDefault!.Expression);
        Assert.Equal(LogicalType.Jsonb, users.FindColumn("settings")!.Type);
        Assert.Equal("C", users.FindColumn("path")!.Collation);
        Assert.Equal(LogicalType.Decimal, users.FindColumn("score")!.Type);
        Assert.Null(users.FindColumn("email_lower")!.ServerDefault); // a generated column has no default
        Assert.Equal(LogicalType.Timestamp, users.FindColumn("deleted_at")!.Type);
        Assert.True(users.FindColumn("deleted_at")!.Nullable);
        Assert.Equal("score >= (0)::numeric", users.Checks.Single().Expression);

        Assert.Equal(["happy", "sad"], schema.Enums.Single().Values);
        Assert.Equal("mood", schema.Enums.Single().Name);
    }

    [SkippableFact]
    public void Reads_foreign_keys_with_every_action_and_composite_keys()
    {
        var schema = Full();
        var users = schema.FindTable("users")!;
        var org = users.ForeignKeys.Single();
        Assert.Equal((ReferentialAction.Cascade, ReferentialAction.Restrict, "orgs", "id"), (org.OnDelete, org.OnUpdate, org.TargetTable, org.TargetColumns.Single()));

        var memberships = schema.FindTable("memberships")!;
        Assert.Equal(["org_id", "user_id"], memberships.PrimaryKey!.Columns);
        ReferentialAction OnDelete(string column) => memberships.ForeignKeys.Single(f => f.Columns.SequenceEqual([column])).OnDelete;
        Assert.Equal(ReferentialAction.SetNull, OnDelete("invited_by"));
        Assert.Equal(ReferentialAction.SetDefault, OnDelete("fallback_user"));
        Assert.Equal(ReferentialAction.Restrict, OnDelete("sponsor_id"));
        Assert.Equal(ReferentialAction.NoAction, OnDelete("witness_id"));
        // The catalog cannot tell "said nothing" from NO ACTION: the live model says NoAction for both.
        Assert.Equal(ReferentialAction.NoAction, OnDelete("auditor_id"));
        Assert.Equal(ReferentialAction.Cascade, OnDelete("org_id"));

        var invoice = schema.FindTable("invoices")!.ForeignKeys.Single();
        Assert.Equal(["member_org", "member_user"], invoice.Columns);
        Assert.Equal(["org_id", "user_id"], invoice.TargetColumns);
        Assert.Equal("memberships", invoice.TargetTable);
        Assert.Equal(["org_id", "number"], schema.FindTable("invoices")!.PrimaryKey!.Columns);
    }

    [SkippableFact]
    public void Reads_partial_unique_expression_and_gin_indexes_with_operator_classes()
    {
        var users = Full().FindTable("users")!;
        // Indexes that back a primary key or a UNIQUE constraint are constraints in the model, not indexes.
        Assert.Equal(["ix_users_lower_email", "ix_users_path", "ix_users_settings", "uq_users_email_live"], users.Indexes.Select(i => i.Name!).Order(StringComparer.Ordinal));
        var partial = users.Indexes.Single(i => i.Name == "uq_users_email_live");
        Assert.True(partial.IsUnique);
        Assert.Equal("deleted_at IS NULL", partial.Where);
        Assert.Null(partial.Method);
        var gin = users.Indexes.Single(i => i.Name == "ix_users_settings");
        Assert.Equal(("gin", "jsonb_path_ops"), (gin.Method, gin.OperatorClasses["settings"]));
        Assert.Equal("text_pattern_ops", users.Indexes.Single(i => i.Name == "ix_users_path").OperatorClasses["path"]);
        var expression = users.Indexes.Single(i => i.Name == "ix_users_lower_email");
        Assert.True(expression.IsExpression.Single());
        Assert.Equal("lower(email)", expression.Columns.Single());
        Assert.All(users.Indexes, i => Assert.Contains("#public.users/", i.Span.Path, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Reads_update_triggers_as_update_hooks()
    {
        var hook = Assert.Single(Full().UpdateHooks);
        Assert.Equal(("orgs", "updated_at", "trigger orgs_touch"), (hook.Table, hook.Column, hook.Mechanism));
    }

    [SkippableFact]
    public void Query_count_does_not_grow_with_the_number_of_tables()
    {
        var small = Read(server.Url(server.CreateDatabase("CREATE TABLE a (id int PRIMARY KEY);")));
        var tables = string.Concat(Enumerable.Range(0, 60).Select(i => $"CREATE TABLE t{i} (id int PRIMARY KEY, parent int REFERENCES t{Math.Max(0, i - 1)} (id)); CREATE INDEX ix_t{i} ON t{i} (parent);"));
        var large = Read(server.Url(server.CreateDatabase(tables)));
        Assert.Equal(60, large.Schema.Tables.Count);
        Assert.Equal(7, small.QueryCount);
        Assert.Equal(small.QueryCount, large.QueryCount);
    }

    [SkippableFact]
    public void Spans_name_the_database_and_the_object_never_the_password()
    {
        var schema = Full();
        var column = schema.FindTable("users")!.FindColumn("email")!;
        Assert.Equal($"postgresql://{PostgresServer.AuditUser}@127.0.0.1:{server.Port}/", column.Span.Path[..column.Span.Path.LastIndexOf('/')] + "/");
        Assert.EndsWith("#public.users.email", column.Span.Path, StringComparison.Ordinal);
        Assert.Equal(0, column.Span.Line);
        Assert.DoesNotContain(PostgresServer.AuditPassword, column.Span.Path, StringComparison.Ordinal);
    }
}
