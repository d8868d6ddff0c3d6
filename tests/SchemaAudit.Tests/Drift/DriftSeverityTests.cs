using SchemaAudit.Analysis;
using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Drift;

/// <summary><c>schema-drift</c> is graded by what differs (see the rule's severity policy).</summary>
public sealed class DriftSeverityTests
{
    private static Schema Ddl(string sql, SchemaSourceKind kind = SchemaSourceKind.Migrations, string path = "a.sql")
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        new SqlMigrationsFrontend().Extract([new SourceFile("/x/" + path, path, sql)], schema);
        schema.SourceKind = kind; // the SQL stands in for the models where a test needs an ORM view
        return schema;
    }

    private static List<(Severity Severity, string Message)> Drift(string a, string b, SchemaSourceKind kindA = SchemaSourceKind.Migrations) =>
        [.. DriftDetector.Compare(Ddl(a, kindA), Ddl(b, path: "b.sql")).Select(f => (f.Severity, f.Message))];

    private const string Base = """
        CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, org_id bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ix_users_org_email ON users (org_id, email);
        """;

    [Fact]
    public void An_index_over_the_same_columns_in_another_order_is_one_suggestion()
    {
        var drift = Drift(Base, Base.Replace("(org_id, email)", "(email, org_id)", StringComparison.Ordinal));
        var (severity, message) = Assert.Single(drift);
        Assert.Equal(Severity.Suggestion, severity);
        Assert.Contains("index (org_id, email) in the first view but index (email, org_id) in the second view", message, StringComparison.Ordinal);
        Assert.EndsWith("the same columns in another order.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plain_index_is_a_suggestion_and_a_missing_unique_one_a_warning()
    {
        Assert.Equal(Severity.Suggestion, Assert.Single(Drift(Base, Base.Replace("CREATE INDEX ix_users_org_email ON users (org_id, email);", "", StringComparison.Ordinal))).Severity);
        var unique = Base.Replace("CREATE INDEX", "CREATE UNIQUE INDEX", StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, Assert.Single(Drift(unique, Base.Replace("CREATE INDEX ix_users_org_email ON users (org_id, email);", "", StringComparison.Ordinal))).Severity);
    }

    [Fact]
    public void A_default_that_differs_in_value_is_a_suggestion_and_in_spelling_nothing()
    {
        Assert.Empty(Drift(Base, Base.Replace("DEFAULT now()", "DEFAULT CURRENT_TIMESTAMP", StringComparison.Ordinal)));
        var nullable = Base.Replace("created_at timestamptz NOT NULL DEFAULT now()", "plan text DEFAULT 'free'", StringComparison.Ordinal);
        Assert.Equal(Severity.Suggestion, Assert.Single(Drift(nullable, nullable.Replace("'free'", "'pro'", StringComparison.Ordinal))).Severity);
        // NOT NULL and the default on one side only: an insert that omits the column fails on the other.
        Assert.Equal(Severity.Warning, Assert.Single(Drift(Base, Base.Replace(" DEFAULT now()", "", StringComparison.Ordinal))).Severity);
    }

    [Fact]
    public void Missing_columns_nullability_and_foreign_keys_are_warnings_between_two_database_views()
    {
        Assert.Equal(Severity.Warning, Assert.Single(Drift(Base, Base.Replace("email varchar(100) NOT NULL", "email varchar(100)", StringComparison.Ordinal))).Severity);
        Assert.Equal(Severity.Warning, Assert.Single(Drift(Base, Base.Replace(" org_id bigint NOT NULL,", "", StringComparison.Ordinal).Replace("(org_id, email)", "(email)", StringComparison.Ordinal)),
            d => d.Message.StartsWith("Column", StringComparison.Ordinal)).Severity);
        var withFk = "CREATE TABLE orgs (id bigint PRIMARY KEY);\n" + Base.Replace("org_id bigint NOT NULL", "org_id bigint NOT NULL REFERENCES orgs (id)", StringComparison.Ordinal);
        var withoutFk = "CREATE TABLE orgs (id bigint PRIMARY KEY);\n" + Base;
        Assert.Equal(Severity.Warning, Assert.Single(Drift(withFk, withoutFk)).Severity);
    }

    [Fact]
    public void A_mapped_column_the_database_lacks_is_critical()
    {
        var models = Base.Replace("created_at", "deleted_at timestamptz, created_at", StringComparison.Ordinal);
        var (severity, message) = Assert.Single(Drift(models, Base, SchemaSourceKind.OrmModels));
        Assert.Equal(Severity.Critical, severity);
        Assert.Contains("`users.deleted_at` exists in the models but not in the migrations", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmapped_not_null_column_without_default_is_critical_with_a_default_a_warning()
    {
        var database = Base.Replace("created_at", "tenant text NOT NULL, created_at", StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, Assert.Single(Drift(Base, database, SchemaSourceKind.OrmModels)).Severity);
        var withDefault = Base.Replace("created_at", "tenant text NOT NULL DEFAULT 'x', created_at", StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, Assert.Single(Drift(Base, withDefault, SchemaSourceKind.OrmModels)).Severity);
    }

    [Fact]
    public void A_primary_key_in_another_order_is_a_suggestion()
    {
        var a = "CREATE TABLE l (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));";
        var (severity, message) = Assert.Single(Drift(a, a.Replace("(a, b)", "(b, a)", StringComparison.Ordinal)));
        Assert.Equal(Severity.Suggestion, severity);
        Assert.Contains("the same columns in another order", message, StringComparison.Ordinal);
    }
}
