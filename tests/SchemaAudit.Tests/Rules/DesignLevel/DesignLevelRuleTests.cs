using SchemaAudit.Model;
using SchemaAudit.Rules;
using SchemaAudit.Rules.Design;
using SchemaAudit.Rules.Integrity;
using SchemaAudit.Rules.Performance;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.DesignLevel;

/// <summary>Rule logic on in-code models: what no front-end fixture can isolate (dialects, spans, cost).</summary>
public sealed class DesignLevelRuleTests
{
    private static Schema Postgres(params Table[] tables)
    {
        var schema = Schema(tables);
        schema.Dialect = "postgresql";
        return schema;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sqlite")]
    [InlineData("mysql")]
    public void Postgres_only_rules_stay_silent_for_other_or_unknown_dialects(string? dialect)
    {
        var events = Table("events", 1, Col("id", LogicalType.Int64, 2), Col("payload", LogicalType.Json, 3), Col("tags", LogicalType.Jsonb, 4),
            Col("path", LogicalType.Text, 5)).WithPrimaryKey("id");
        events.Indexes.Add(Idx("ix_events_path", 7, "path"));
        var schema = Schema(events);
        schema.Dialect = dialect;

        Assert.Empty(Run(new JsonNotJsonb(), schema));
        Assert.Empty(Run(new JsonbNoGin(), schema));
        Assert.Empty(Run(new LikePrefixNoPatternOps(), schema));

        schema.Dialect = "postgresql";
        Assert.Single(Run(new JsonNotJsonb(), schema));
        Assert.Single(Run(new JsonbNoGin(), schema));
        Assert.Single(Run(new LikePrefixNoPatternOps(), schema));
    }

    [Fact]
    public void Denormalized_fk_points_at_the_copy_and_relates_the_path_it_copies()
    {
        var sessions = Table("sessions", 1, Col("id", LogicalType.Uuid, 2)).WithPrimaryKey("id");
        var messages = Table("messages", 5, Col("id", LogicalType.Uuid, 6), Col("session_id", LogicalType.Uuid, 7)).WithPrimaryKey("id");
        messages.Columns[1].Nullable = false; // every message belongs to a session: the part's copy means the same
        messages.ForeignKeys.Add(Fk("sessions", 7, ["session_id"]));
        var parts = Table("parts", 10, Col("id", LogicalType.Uuid, 11), Col("message_id", LogicalType.Uuid, 12), Col("sessionId", LogicalType.Uuid, 13))
            .WithPrimaryKey("id");
        parts.ForeignKeys.Add(Fk("messages", 12, ["message_id"]));
        parts.ForeignKeys.Add(Fk("public.sessions", 13, ["sessionId"]));

        var finding = Assert.Single(Run(new DenormalizedFkDivergence(), Schema(sessions, messages, parts)));
        Assert.Equal(13, finding.Span.Line);
        Assert.Equal("sessionId", finding.ColumnName);
        Assert.Equal(12, Assert.Single(finding.RelatedSpans).Line);
        Assert.Contains("(message_id, sessionId)", finding.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Polymorphic_check_must_name_two_of_the_nullable_columns()
    {
        Table Mappings(string? check)
        {
            var t = Table("mappings", 1, Col("id", LogicalType.Uuid, 2), Col("spoke_id", LogicalType.Uuid, 3), Col("task_id", LogicalType.Uuid, 4))
                .WithPrimaryKey("id");
            t.ForeignKeys.Add(Fk("spokes", 3, ["spoke_id"], onDelete: ReferentialAction.SetNull));
            t.ForeignKeys.Add(Fk("tasks", 4, ["task_id"], onDelete: ReferentialAction.SetNull));
            if (check is not null) t.Checks.Add(new CheckConstraint { Expression = check, Span = Line(5) });
            return t;
        }

        Assert.Single(Run(new PolymorphicNullableFks(), Schema(Mappings(null))));
        Assert.Single(Run(new PolymorphicNullableFks(), Schema(Mappings("spoke_id_extra IS NULL OR task_id IS NOT NULL"))));
        Assert.Empty(Run(new PolymorphicNullableFks(), Schema(Mappings("num_nonnulls(spoke_id, task_id) = 1"))));
    }

    [Fact]
    public void Implied_fk_handles_plural_forms_and_skips_the_primary_key()
    {
        var categories = Table("categories", 1, Col("id", LogicalType.Int64, 2)).WithPrimaryKey("id");
        var people = Table("boxes", 4, Col("id", LogicalType.Int64, 5)).WithPrimaryKey("id");
        var items = Table("items", 7, Col("item_id", LogicalType.Int64, 8), Col("category_id", LogicalType.Int64, 9), Col("box_id", LogicalType.Int64, 10))
            .WithPrimaryKey("item_id");

        var findings = Run(new ImpliedFkMissing(), Schema(categories, people, items));
        Assert.Equal(["box_id", "category_id"], findings.Select(f => f.ColumnName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unique_on_a_soft_deleted_table_names_the_partial_index_to_create()
    {
        var projects = Table("projects", 1, Col("id", LogicalType.Uuid, 2), Col("slug", LogicalType.Text, 3), Col("deleted_at", LogicalType.TimestampTz, 4))
            .WithPrimaryKey("id");
        projects.UniqueConstraints.Add(Unique("uq_projects_slug", 6, "slug"));

        var finding = Assert.Single(Run(new UniqueIgnoresSoftDelete(), Schema(projects)));
        Assert.Equal(6, finding.Span.Line);
        Assert.Contains("postgresql_where=text(\"deleted_at IS NULL\")", finding.After, StringComparison.Ordinal); // a .py model: SQLAlchemy syntax
    }

    [Fact]
    public void Ambiguous_link_is_reported_once_per_target_at_the_bare_column()
    {
        var tasks = Table("tasks", 1, Col("id", LogicalType.Uuid, 2)).WithPrimaryKey("id");
        var deps = Table("task_dependencies", 4, Col("depends_on_id", LogicalType.Uuid, 5), Col("task_id", LogicalType.Uuid, 6))
            .WithPrimaryKey("task_id", "depends_on_id");
        deps.ForeignKeys.Add(Fk("tasks", 5, ["depends_on_id"]));
        deps.ForeignKeys.Add(Fk("tasks", 6, ["task_id"]));

        var finding = Assert.Single(Run(new AmbiguousSelfLinkColumns(), Schema(tasks, deps)));
        Assert.Equal(6, finding.Span.Line);
        Assert.Equal("task_id", finding.ColumnName);
    }

    [Fact]
    public void Design_level_rules_stay_linear_on_a_large_schema()
    {
        // 4,000 tables that each reference the previous one and a shared parent: a table×table rule would take minutes.
        var schema = Postgres();
        schema.Tables.Add(Table("projects", 1, Col("id", LogicalType.Uuid, 2)).WithPrimaryKey("id"));
        for (var i = 0; i < 4000; i++)
        {
            var t = Table($"things_{i}", 10, Col("id", LogicalType.Uuid, 11), Col("project_id", LogicalType.Uuid, 12),
                Col("previous_id", LogicalType.Uuid, 13), Col("status", LogicalType.Text, 14), Col("metadata", LogicalType.Jsonb, 15)).WithPrimaryKey("id");
            t.Columns[1].Nullable = false;
            t.ForeignKeys.Add(Fk("projects", 12, ["project_id"]));
            if (i > 0) t.ForeignKeys.Add(Fk($"things_{i - 1}", 13, ["previous_id"]));
            schema.Tables.Add(t);
        }
        var context = new RuleContext(schema);
        var rules = RuleRegistry.All.Where(r => r.Metadata.Category is not Analysis.RuleCategory.Tool).ToList();

        // Completes on a large schema; the speed itself is measured by bench/, not by a test.
        var count = rules.Sum(r => r.Check(context).Count());

        Assert.True(count > 0);
    }
}
