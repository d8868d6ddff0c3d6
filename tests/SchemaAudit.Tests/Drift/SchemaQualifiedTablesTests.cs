using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Drift;

/// <summary>
/// A table is its schema and its name: <c>public.users</c> and <c>billing.users</c> are two tables in
/// rules, drift and suggested SQL, and the default schema is shown only where it tells something.
/// </summary>
public sealed class SchemaQualifiedTablesTests
{
    private const string TwoUsers = """
        CREATE SCHEMA billing;
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
        CREATE TABLE billing.users (id bigint PRIMARY KEY, account_no text NOT NULL UNIQUE, plan text);
        CREATE TABLE billing.invoices (
            id bigint PRIMARY KEY,
            account_no text NOT NULL REFERENCES billing.users (account_no) ON DELETE RESTRICT,
            user_id bigint NOT NULL REFERENCES public.users (id) ON DELETE RESTRICT
        );
        CREATE INDEX ix_invoices_account ON billing.invoices (account_no);
        CREATE INDEX ix_invoices_user ON billing.invoices (user_id);
        """;

    private static Schema Ddl(string sql, string path = "schema.sql")
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        new SqlMigrationsFrontend().Extract([new SourceFile("/x/" + path, path, sql)], schema);
        return schema;
    }

    [Fact]
    public void Same_named_tables_in_two_schemas_are_two_tables()
    {
        var schema = Ddl(TwoUsers);
        var lookup = new TableLookup(schema.Tables);

        Assert.Equal("billing", lookup.Find("billing.users")?.SchemaName);
        Assert.NotNull(lookup.Find("billing.users")?.FindColumn("account_no"));
        Assert.Null(lookup.Find("public.users")?.FindColumn("account_no"));
        Assert.Same(lookup.Find("users"), lookup.Find("public.users"));
        Assert.Same(lookup.Find("invoices"), lookup.Find("billing.invoices")); // unique name: found without its schema
    }

    [Fact]
    public void A_key_to_a_column_only_the_other_schema_has_is_not_a_missing_target()
    {
        var result = AuditRunner.Audit(Ddl(TwoUsers), ".", AuditConfig.Default);

        Assert.DoesNotContain(result.Findings, f => f.RuleId == "fk-target-missing");
    }

    [Fact]
    public void Foreign_keys_into_each_schema_are_counted_for_their_own_table()
    {
        var context = new RuleContext(Ddl(TwoUsers));
        var billingUsers = context.FindTable("billing.users")!;
        var publicUsers = context.FindTable("users")!;

        Assert.Equal(["account_no"], context.ForeignKeysTo(billingUsers).SelectMany(x => x.Fk.Columns));
        Assert.Equal(["user_id"], context.ForeignKeysTo(publicUsers).SelectMany(x => x.Fk.Columns));
    }

    [Fact]
    public void Two_identical_views_with_same_named_tables_have_no_drift()
    {
        Assert.Empty(DriftDetector.Compare(Ddl(TwoUsers), Ddl(TwoUsers, "other.sql")));
    }

    [Fact]
    public void Drift_names_the_schema_of_a_table_outside_the_default_one()
    {
        var changed = TwoUsers.Replace("plan text", "plan text, region text", StringComparison.Ordinal);

        var drift = Assert.Single(DriftDetector.Compare(Ddl(TwoUsers), Ddl(changed, "other.sql")));

        Assert.Contains("`billing.users.region`", drift.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggested_sql_qualifies_a_table_outside_the_default_schema()
    {
        var table = new Table { Name = "Users", SchemaName = "billing" };

        Assert.Equal("billing.\"Users\"", FixSyntax.TableIdent(table));
        Assert.Equal("billing.\"ix Users\"", FixSyntax.ObjectIdent(table, "ix Users"));
        Assert.Equal("users", FixSyntax.TableIdent(new Table { Name = "users", SchemaName = "public" }));
    }

    [Fact]
    public void Models_without_a_schema_still_pair_with_a_database_that_uses_one()
    {
        var models = Ddl("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);");
        var database = Ddl("CREATE SCHEMA app; CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL);", "db.sql");

        Assert.Empty(DriftDetector.Compare(models, database));
    }
}
