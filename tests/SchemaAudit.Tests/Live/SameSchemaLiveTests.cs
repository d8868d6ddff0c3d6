using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Tests.SameSchema;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>
/// Same schema, same model: <c>tests/fixtures/sql/same_schema.sql</c> written into a live database reads
/// as the same model (<c>schema --format json</c> without locations) as the DDL file and as the Alembic
/// migrations, SQLAlchemy models and Drizzle schema of the same schema (<c>tests/fixtures/same-schema/</c>),
/// and gives the same findings by (rule, table, column). The normalizations are those of
/// <see cref="ComparableSchema"/>, with <c>againstDatabase</c> set.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SameSchemaLiveTests(PostgresServer server)
{
    /// <summary>Every file source of the one schema: DDL, Alembic, SQLAlchemy models, Drizzle.</summary>
    public static TheoryData<string> Sources => new()
    {
        SameSchemaTests.Reference,
        "migrations/alembic_same_schema",
        "same-schema/sqlalchemy",
        "same-schema/drizzle",
    };

    private static Schema FromFiles(string relative) => ComparableSchema.Load(relative);

    private static string Comparable(Schema schema) => ComparableSchema.Json(schema, againstDatabase: true);

    private static List<string> FindingKeys(Schema schema) => ComparableSchema.FindingKeys(schema, againstDatabase: true);

    [SkippableTheory]
    [MemberData(nameof(Sources))]
    public void Live_database_reads_as_the_same_model_as_each_source(string source)
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture(SameSchemaTests.Reference))));
        Assert.Empty(live.Diagnostics);
        Assert.Equal(Comparable(FromFiles(source)), Comparable(live));
    }

    [SkippableTheory]
    [MemberData(nameof(Sources))]
    public void Live_database_gives_the_same_findings_as_each_source(string source)
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture(SameSchemaTests.Reference))));
        var liveKeys = FindingKeys(live);
        Assert.NotEmpty(liveKeys);
        Assert.Equal(FindingKeys(FromFiles(source)), liveKeys);
    }

    [SkippableFact]
    public void Fk_on_delete_unspecified_does_not_fire_on_a_live_view()
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture("sql/same_schema.sql"))));
        Assert.DoesNotContain(AuditRunner.Audit([live], ".", AuditConfig.Default).Findings, f => f.RuleId == "fk-on-delete-unspecified");
        Assert.Contains(AuditRunner.Audit([FromFiles("sql/same_schema.sql")], ".", AuditConfig.Default).Findings, f => f.RuleId == "fk-on-delete-unspecified");
    }

    [SkippableFact]
    public void Same_schema_has_no_drift_between_ddl_and_the_database()
    {
        var database = server.CreateDatabase(Fixture("sql/same_schema.sql"));
        var (code, stdout, stderr) = RunCli("diff", "tests/fixtures/sql/same_schema.sql", server.Url(database), "--format", "json");
        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("schema-drift", stdout, StringComparison.Ordinal);
    }
}
