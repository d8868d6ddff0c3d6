using SchemaAudit.Model;

namespace SchemaAudit.Tests.SameSchema;

/// <summary>
/// Same schema, same model: <c>sql/same_schema.sql</c> is also written as Alembic migrations, as SQLAlchemy
/// models and as Drizzle (<c>tests/fixtures/same-schema/</c>); every source must give the same
/// <c>schema --format json</c> (locations aside, normalized only by <see cref="ComparableSchema"/>) and the
/// same findings by (rule, table, column). The live test compares a database with them too.
/// </summary>
public sealed class SameSchemaTests
{
    public const string Reference = "sql/same_schema.sql";

    /// <summary>Every file source of the one schema other than the reference DDL.</summary>
    public static TheoryData<string> Sources => new()
    {
        "migrations/alembic_same_schema",
        "same-schema/sqlalchemy",
        "same-schema/drizzle",
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Source_reads_as_the_same_model_as_the_ddl(string source)
    {
        var schema = ComparableSchema.Load(source);
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(ComparableSchema.Json(ComparableSchema.Load(Reference)), ComparableSchema.Json(schema));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Source_gives_the_same_findings_as_the_ddl(string source)
    {
        var expected = ComparableSchema.FindingKeys(ComparableSchema.Load(Reference));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ComparableSchema.FindingKeys(ComparableSchema.Load(source)));
    }

    [Theory]
    [InlineData("same-schema/sqlalchemy")]
    [InlineData("same-schema/drizzle")]
    public void Orm_sources_are_read_as_models_with_every_table_mapped(string source)
    {
        // Guards the comparison above: the ORM fixtures must be read as ORM models, not as something else.
        var schema = ComparableSchema.Load(source);
        Assert.Equal(SchemaSourceKind.OrmModels, schema.SourceKind);
        Assert.Equal(["post_likes", "posts", "users"], schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(schema.Tables, t => Assert.NotNull(t.Entity));
    }

    [Fact]
    public void The_reference_holds_what_the_comparison_is_meant_to_cover()
    {
        var schema = ComparableSchema.Load(Reference);
        Assert.Equal(["post_likes", "posts", "users"], schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["user_id", "post_id"], schema.FindTable("post_likes")!.PrimaryKey!.Columns);
        var posts = schema.FindTable("posts")!;
        Assert.Equal("post_status", posts.FindColumn("status")!.EnumName);
        Assert.Contains(posts.Indexes, i => i.Method == "gin" && i.OperatorClasses.ContainsValue("jsonb_path_ops"));
        Assert.Contains(schema.FindTable("users")!.Indexes, i => i.IsUnique && i.Where is not null);
        Assert.Contains(posts.ForeignKeys, f => f.OnDelete == ReferentialAction.Cascade);
    }
}
