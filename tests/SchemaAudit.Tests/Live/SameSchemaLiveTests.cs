using System.Text.Json.Nodes;
using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;
using SchemaAudit.Rules;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>
/// Same schema, same model: <c>tests/fixtures/sql/same_schema.sql</c> written into a live database reads
/// as the same model (<c>schema --format json</c> without locations) as the DDL file and as the Alembic
/// migrations of the same schema, and gives the same findings by (rule, table, column).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SameSchemaLiveTests(PostgresServer server)
{
    private static Schema FromFiles(string relative) =>
        AuditRunner.BuildViews([Path.Combine(TestPaths.Fixtures, relative)], TestPaths.Fixtures, AuditConfig.Default)[0];

    /// <summary>
    /// The model as JSON without locations, minus what a source cannot know: the view kind, how a type
    /// was spelled (<c>bigserial</c> vs <c>bigint</c>), names the database gives to unnamed keys
    /// (<c>users_pkey</c>), whether a default was written as raw SQL (only ORMs can say), and a FK that
    /// states no action (the catalog says NO ACTION for it).
    /// </summary>
    private static string Comparable(Schema schema)
    {
        var writer = new StringWriter();
        SchemaJsonWriter.Write(schema, writer, includeLocations: false);
        var json = JsonNode.Parse(writer.ToString())!.AsObject();
        json.Remove("sourceKind");
        foreach (var table in json["tables"]!.AsArray())
        {
            foreach (var column in table!["columns"]!.AsArray())
            {
                column!.AsObject().Remove("typeAsWritten");
                column["serverDefault"]?.AsObject().Remove("rawSql");
            }
            if (table["primaryKey"] is JsonObject pk) pk.Remove("name");
            foreach (var fk in table["foreignKeys"]!.AsArray())
            {
                fk!.AsObject().Remove("name");
                // The catalog stores NO ACTION whether or not it was written.
                foreach (var action in new[] { "onDelete", "onUpdate" })
                    if ((string?)fk[action] == "unspecified") fk[action] = "NO ACTION";
            }
        }
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static List<string> FindingKeys(Schema schema) =>
        [.. AuditRunner.Audit([schema], ".", AuditConfig.Default).Findings
            // A database cannot say that a FK states no ON DELETE (the catalog stores NO ACTION either way).
            .Where(f => f.RuleId != "fk-on-delete-unspecified" && RuleRegistry.FindMetadata(f.RuleId)?.NeedsLiveDatabase != true)
            .Select(f => $"{f.RuleId} {f.Table} {f.ColumnName}").Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Live_database_reads_as_the_same_model_as_ddl_and_alembic()
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture("sql/same_schema.sql"))));
        var ddl = FromFiles("sql/same_schema.sql");
        var alembic = FromFiles("migrations/alembic_same_schema");
        Assert.Empty(live.Diagnostics);
        Assert.Equal(Comparable(ddl), Comparable(live));
        Assert.Equal(Comparable(alembic), Comparable(live));
    }

    [Fact]
    public void Live_database_gives_the_same_findings_as_ddl_and_alembic()
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture("sql/same_schema.sql"))));
        var liveKeys = FindingKeys(live);
        Assert.NotEmpty(liveKeys);
        Assert.Equal(FindingKeys(FromFiles("sql/same_schema.sql")), liveKeys);
        Assert.Equal(FindingKeys(FromFiles("migrations/alembic_same_schema")), liveKeys);
    }

    [Fact]
    public void Fk_on_delete_unspecified_does_not_fire_on_a_live_view()
    {
        var live = ReadSchema(server.Url(server.CreateDatabase(Fixture("sql/same_schema.sql"))));
        Assert.DoesNotContain(AuditRunner.Audit([live], ".", AuditConfig.Default).Findings, f => f.RuleId == "fk-on-delete-unspecified");
        Assert.Contains(AuditRunner.Audit([FromFiles("sql/same_schema.sql")], ".", AuditConfig.Default).Findings, f => f.RuleId == "fk-on-delete-unspecified");
    }

    [Fact]
    public void Same_schema_has_no_drift_between_ddl_and_the_database()
    {
        var database = server.CreateDatabase(Fixture("sql/same_schema.sql"));
        var (code, stdout, stderr) = RunCli("diff", "tests/fixtures/sql/same_schema.sql", server.Url(database), "--format", "json");
        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("schema-drift", stdout, StringComparison.Ordinal);
    }
}
