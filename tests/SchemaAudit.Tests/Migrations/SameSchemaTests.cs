using SchemaAudit.Discovery;
using SchemaAudit.Frontends;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Migrations;

/// <summary>One schema written as DDL and as Alembic migrations gives the same model (source locations aside).</summary>
public sealed class SameSchemaTests
{
    private static Schema Load(IFrontend frontend, string folderOrFile)
    {
        var full = Path.Combine(TestPaths.Fixtures, folderOrFile);
        var paths = File.Exists(full) ? [full] : Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var files = paths.Select(p => new SourceFile(p, Path.GetRelativePath(TestPaths.Fixtures, p).Replace('\\', '/'), File.ReadAllText(p)))
            .Where(frontend.Accepts).ToList();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract(files, schema);
        return schema;
    }

    /// <summary>The model facts rules read, as sorted text lines.</summary>
    private static List<string> Describe(Schema schema)
    {
        var lines = new List<string> { $"dialect {schema.Dialect}" };
        foreach (var e in schema.Enums) lines.Add($"enum {e.Name} [{string.Join(",", e.Values)}]");
        foreach (var t in schema.Tables)
        {
            lines.Add($"table {t.Name} pk [{string.Join(",", t.PrimaryKey?.Columns ?? [])}]");
            foreach (var c in t.Columns)
                lines.Add($"column {t.Name}.{c.Name} {c.Type.DisplayName()} len={c.Length} null={c.Nullable} pk={c.IsPrimaryKey} identity={c.IsIdentity} enum={c.EnumName} default={c.ServerDefault?.Expression}");
            foreach (var f in t.ForeignKeys)
                lines.Add($"fk {t.Name} ({string.Join(",", f.Columns)}) -> {f.TargetTable} ({string.Join(",", f.TargetColumns)}) delete={f.OnDelete} update={f.OnUpdate}");
            foreach (var i in t.Indexes)
                lines.Add($"index {t.Name}.{i.Name} [{string.Join(",", i.Columns)}] unique={i.IsUnique} method={i.Method} where={i.Where} ops=[{string.Join(",", i.OperatorClasses.Select(o => $"{o.Key}:{o.Value}"))}]");
            foreach (var u in t.UniqueConstraints)
                lines.Add($"unique {t.Name} [{string.Join(",", u.Columns)}]");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [Fact]
    public void Ddl_and_alembic_give_the_same_model()
    {
        var ddl = Load(new SqlMigrationsFrontend(), "sql/same_schema.sql");
        var alembic = Load(new AlembicFrontend(), "migrations/alembic_same_schema");
        Assert.Empty(ddl.Diagnostics);
        Assert.Empty(alembic.Diagnostics);
        Assert.Equal(3, ddl.Tables.Count);
        Assert.Equal(string.Join("\n", Describe(ddl)), string.Join("\n", Describe(alembic)));
    }

    [Fact]
    public void Spans_point_at_the_creating_file_and_line()
    {
        var alembic = Load(new AlembicFrontend(), "migrations/alembic_same_schema");
        var users = alembic.FindTable("users")!;
        Assert.Equal(("migrations/alembic_same_schema/1a_users.py", 14), (users.Span.Path, users.Span.Line));
        var deletedAt = users.FindColumn("deleted_at")!;
        Assert.Equal(("migrations/alembic_same_schema/3c_post_likes.py", 23), (deletedAt.Span.Path, deletedAt.Span.Line));
        var ddl = Load(new SqlMigrationsFrontend(), "sql/same_schema.sql");
        Assert.Equal(14, ddl.FindTable("posts")!.FindColumn("author_id")!.Span.Line);
        Assert.Equal(32, ddl.FindTable("posts")!.Indexes.Single(i => i.Method == "gin").Span.Line);
    }
}
