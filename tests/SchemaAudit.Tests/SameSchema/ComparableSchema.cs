using System.Text.Json;
using System.Text.Json.Nodes;
using SchemaAudit.Configuration;
using SchemaAudit.Drift;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.SameSchema;

/// <summary>
/// The one normalizer of the "same schema, same model" tests: <c>schema --format json</c> without
/// locations, minus only the facts some source cannot express. Each removal says which source cannot.
/// </summary>
internal static class ComparableSchema
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>
    /// Rules with no meaning for a DDL source, excluded from the findings comparison:
    /// ORM-only facts (loading strategies, relationship cascades and back-references, annotations,
    /// relationship targets written as text) and facts of the source text rather than of the schema
    /// (how an ORM spells a default, secrets and suppression comments in files, drift between two views).
    /// </summary>
    public static readonly IReadOnlySet<string> SourceSpecificRules = new HashSet<string>(StringComparer.Ordinal)
    {
        "relationship-lazy-default", "relationship-large-collection-eager", "association-cascade-gap",
        "orm-nullability-mismatch", "orm-back-populates-mismatch", "orm-remote-side-builtin", "fk-target-missing",
        "server-default-raw-sql", "hardcoded-credentials", "unused-suppression", "schema-drift",
    };

    /// <summary>The primary view of a fixture file or folder, read as the CLI reads it.</summary>
    public static Schema Load(string fixture) =>
        AuditRunner.BuildViews([Path.Combine(TestPaths.Fixtures, fixture)], TestPaths.Fixtures, AuditConfig.Default)[0];

    /// <param name="againstDatabase">
    /// True when one side is a live database: the catalog stores NO ACTION for a FK that states no action,
    /// so "unspecified" is read as NO ACTION.
    /// </param>
    public static string Json(Schema schema, bool againstDatabase = false)
    {
        var writer = new StringWriter();
        SchemaJsonWriter.Write(schema, writer, includeLocations: false);
        var json = JsonNode.Parse(writer.ToString())!.AsObject();
        // Whether the schema came from models, migrations or a database is the view, not the schema.
        json.Remove("sourceKind");
        // ORM classes and relationships: DDL, migrations and databases have none.
        json.Remove("entities");
        json.Remove("relationships");
        foreach (var table in json["tables"]!.AsArray().Select(t => t!.AsObject()))
        {
            var name = (string)table["name"]!;
            table.Remove("entity");
            foreach (var column in table["columns"]!.AsArray().Select(c => c!.AsObject()))
            {
                // How a type was spelled (bigserial, BigInteger, bigint) is not the type; the logical type and length stay.
                column.Remove("typeAsWritten");
                // ORM-only: the mapped attribute, client-side default and on-update, documentation.
                column.Remove("attribute");
                column.Remove("default");
                column.Remove("onUpdate");
                column.Remove("doc");
                if (column["serverDefault"] is JsonObject serverDefault)
                {
                    // Only ORMs can say whether a default was written as raw SQL.
                    serverDefault.Remove("rawSql");
                    // Defaults are kept as written (func.now(), sql`now()`, now()); compare them as drift does.
                    serverDefault["expression"] = DefaultExpressionNormalizer.Normalize((string)serverDefault["expression"]!);
                }
            }
            // A key the source left unnamed is named by the tool that creates it: PostgreSQL (users_pkey,
            // post_likes_user_id_fkey) or drizzle-kit (post_likes_user_id_post_id_pk, post_likes_user_id_users_id_fk).
            if (table["primaryKey"] is JsonObject pk)
            {
                var generated = new[] { $"{name}_pkey", $"{name}_{string.Join("_", pk["columns"]!.AsArray().Select(c => (string)c!))}_pk" };
                if (generated.Contains((string?)pk["name"])) pk["name"] = null;
            }
            foreach (var index in table["indexes"]!.AsArray().Select(i => i!.AsObject()))
                index.Remove("origin"); // index=True / .unique() on a column versus a separate statement: DDL cannot say
            foreach (var unique in table["uniqueConstraints"]!.AsArray().Select(u => u!.AsObject()))
                unique.Remove("fromColumnFlag");
            foreach (var fk in table["foreignKeys"]!.AsArray().Select(f => f!.AsObject()))
            {
                var columns = string.Join("_", fk["columns"]!.AsArray().Select(c => (string)c!));
                var target = $"{(string)fk["targetTable"]!}_{string.Join("_", fk["targetColumns"]!.AsArray().Select(c => (string)c!))}";
                if ((string?)fk["name"] == $"{name}_{columns}_fkey" || (string?)fk["name"] == $"{name}_{columns}_{target}_fk") fk["name"] = null;
                if (!againstDatabase) continue;
                foreach (var action in new[] { "onDelete", "onUpdate" })
                    if ((string?)fk[action] == "unspecified") fk[action] = "NO ACTION";
            }
        }
        return json.ToJsonString(s_indented);
    }

    /// <summary>The findings as sorted "rule table column" lines, without source-specific rules.</summary>
    /// <param name="againstDatabase">
    /// True when one side is a live database: rules that need its statistics are left out, and
    /// <c>fk-on-delete-unspecified</c>, since the catalog stores NO ACTION whether or not it was written.
    /// </param>
    public static List<string> FindingKeys(Schema schema, bool againstDatabase = false) =>
        [.. AuditRunner.Audit([schema], ".", AuditConfig.Default).Findings
            .Where(f => !SourceSpecificRules.Contains(f.RuleId))
            .Where(f => !againstDatabase || (f.RuleId != "fk-on-delete-unspecified" && RuleRegistry.FindMetadata(f.RuleId)?.NeedsLiveDatabase != true))
            .Select(f => $"{f.RuleId} {f.Table} {f.ColumnName}").Distinct().Order(StringComparer.Ordinal)];
}
