using SchemaAudit.Model;
using static SchemaAudit.Tests.Drizzle.DrizzleTestProject;

namespace SchemaAudit.Tests.Drizzle;

public sealed class DrizzleConstraintTests
{
    private const string Users = """
        import { pgTable, uuid, text } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { id: uuid("id").primaryKey(), email: text("email") });
        """;

    [Fact]
    public void Inline_references_with_and_without_actions()
    {
        const string posts = """
            import { pgTable, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
            import { users } from "./users";
            export const posts = pgTable("posts", {
              id: uuid("id").primaryKey(),
              authorId: uuid("author_id").notNull().references(() => users.id, { onDelete: "cascade", onUpdate: "no action" }),
              editorId: uuid("editor_id")
                .references(() => users.id),
              parentId: uuid("parent_id").references((): AnyPgColumn => posts.id, { onDelete: "set null" }),
            });
            """;
        var table = ExtractClean(("users.ts", Users), ("posts.ts", posts)).Table("posts");
        Assert.Equal(3, table.ForeignKeys.Count);
        var author = table.ForeignKeys[0];
        Assert.Equal(["author_id"], author.Columns);
        Assert.Equal(("users", "id"), (author.TargetTable, Assert.Single(author.TargetColumns)));
        Assert.Equal(ReferentialAction.Cascade, author.OnDelete);
        Assert.Equal(ReferentialAction.NoAction, author.OnUpdate);
        Assert.Equal("posts_author_id_users_id_fk", author.Name);
        Assert.Equal(LineOf(posts, "authorId:"), author.Span.Line);
        var editor = table.ForeignKeys[1];
        Assert.Equal(ReferentialAction.Unspecified, editor.OnDelete);
        Assert.Equal(LineOf(posts, ".references(() => users.id),"), editor.Span.Line);
        var parent = table.ForeignKeys[2];
        Assert.Equal(("posts", ReferentialAction.SetNull), (parent.TargetTable, parent.OnDelete));
    }

    private const string ObjectForm = """
        import { sql } from "drizzle-orm";
        import { pgTable, uuid, text, integer, boolean, jsonb, index, uniqueIndex, primaryKey, foreignKey, unique, check } from "drizzle-orm/pg-core";
        import { users } from "./users";

        export const docs = pgTable(
          "docs",
          {
            ownerId: uuid("owner_id").notNull(),
            slug: text("slug").notNull(),
            path: text("path").notNull(),
            version: integer("version").notNull(),
            live: boolean("live"),
            body: jsonb("body"),
            email: text("email"),
          },
          (t) => ({
            pk: primaryKey({ columns: [t.ownerId, t.slug], name: "docs_pk" }),
            owner: foreignKey({ columns: [t.ownerId], foreignColumns: [users.id] }).onDelete("cascade"),
            bySlug: uniqueIndex("docs_slug_uidx").on(t.slug, t.version).where(sql`${t.live} = true`),
            byPath: index("docs_path_idx").on(t.path.op("text_pattern_ops"), t.version.desc()),
            byBody: index("docs_body_gin").using("gin", t.body),
            byEmail: index("docs_email_lower").on(sql`lower(${t.email})`),
            uq: unique("docs_email_uq").on(t.email).nullsNotDistinct(),
            positive: check("docs_version_positive", sql`${t.version} > 0`),
            unnamed: index().on(t.live),
          }),
        );
        """;

    private static string ArrayForm => ObjectForm
        .Replace("(t) => ({", "(t) => [", StringComparison.Ordinal)
        .Replace("}),\n);", "],\n);", StringComparison.Ordinal)
        .Replace("pk: ", "", StringComparison.Ordinal).Replace("owner: ", "", StringComparison.Ordinal)
        .Replace("bySlug: ", "", StringComparison.Ordinal).Replace("byPath: ", "", StringComparison.Ordinal)
        .Replace("byBody: ", "", StringComparison.Ordinal).Replace("byEmail: ", "", StringComparison.Ordinal)
        .Replace("uq: ", "", StringComparison.Ordinal).Replace("positive: ", "", StringComparison.Ordinal)
        .Replace("unnamed: ", "", StringComparison.Ordinal);

    public static TheoryData<string> Forms => new() { "object", "array" };

    private static (Table Table, string Source) ExtractForm(string form)
    {
        var source = form == "object" ? ObjectForm : ArrayForm;
        Assert.Contains(form == "object" ? "(t) => ({" : "(t) => [", source, StringComparison.Ordinal);
        return (ExtractClean(("users.ts", Users), ("docs.ts", source)).Table("docs"), source);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Composite_primary_key_and_foreign_key(string form)
    {
        var (table, source) = ExtractForm(form);
        Assert.Equal(["owner_id", "slug"], table.PrimaryKey!.Columns);
        Assert.Equal("docs_pk", table.PrimaryKey.Name);
        Assert.Equal(LineOf(source, "primaryKey({"), table.PrimaryKey.Span.Line);
        Assert.True(table.Column("slug").IsPrimaryKey);
        var fk = Assert.Single(table.ForeignKeys);
        Assert.Equal(("owner_id", "users", "id", ReferentialAction.Cascade), (Assert.Single(fk.Columns), fk.TargetTable, Assert.Single(fk.TargetColumns), fk.OnDelete));
        Assert.Equal(LineOf(source, "foreignKey({"), fk.Span.Line);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Indexes_with_method_operator_class_predicate_and_expressions(string form)
    {
        var (table, source) = ExtractForm(form);
        var byName = table.Indexes.ToDictionary(i => i.Name!);
        Assert.Equal(["docs_slug_uidx", "docs_path_idx", "docs_body_gin", "docs_email_lower", "docs_live_index"], table.Indexes.Select(i => i.Name));

        var slug = byName["docs_slug_uidx"];
        Assert.True(slug.IsUnique);
        Assert.Equal(["slug", "version"], slug.Columns);
        Assert.Equal("live = true", slug.Where);
        Assert.Equal(LineOf(source, "uniqueIndex(\"docs_slug_uidx\")"), slug.Span.Line);

        var path = byName["docs_path_idx"];
        Assert.Equal("text_pattern_ops", path.OperatorClasses["path"]);
        Assert.Equal(["path", "version"], path.Columns);
        Assert.Null(path.Method);

        Assert.Equal("gin", byName["docs_body_gin"].Method);
        Assert.Equal(["body"], byName["docs_body_gin"].Columns);

        var lower = byName["docs_email_lower"];
        Assert.Equal(["lower(email)"], lower.Columns);
        Assert.Equal([true], lower.IsExpression);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Unique_and_check_constraints(string form)
    {
        var (table, source) = ExtractForm(form);
        var unique = Assert.Single(table.UniqueConstraints);
        Assert.Equal(("docs_email_uq", true, false), (unique.Name, unique.NullsNotDistinct, unique.FromColumnFlag));
        Assert.Equal(["email"], unique.Columns);
        var check = Assert.Single(table.Checks);
        Assert.Equal(("docs_version_positive", "version > 0"), (check.Name, check.Expression));
        Assert.Equal(LineOf(source, "check(\"docs_version_positive\""), check.Span.Line);
    }

    [Fact]
    public void Destructured_config_parameter_and_block_body()
    {
        const string source = """
            import { pgTable, text, index } from "drizzle-orm/pg-core";
            export const t = pgTable("t", { a: text("a"), b: text("b") }, ({ a, b }) => {
              const extra = [index("t_b_idx").on(b)];
              return [index("t_a_idx").on(a), ...extra];
            });
            """;
        var table = ExtractClean(("t.ts", source)).Table("t");
        Assert.Equal(["t_a_idx", "t_b_idx"], table.Indexes.Select(i => i.Name));
    }

    [Fact]
    public void Unresolvable_reference_is_a_diagnostic_not_a_guess()
    {
        const string source = """
            import { pgTable, uuid } from "drizzle-orm/pg-core";
            import { ghosts } from "some-package";
            export const t = pgTable("t", { ghostId: uuid("ghost_id").references(() => ghosts.id) });
            """;
        var schema = Extract(("t.ts", source));
        Assert.Empty(schema.Table("t").ForeignKeys);
        Assert.Contains(schema.Diagnostics, d => d.Span.Line == 3 && d.Message.Contains("ghosts.id", StringComparison.Ordinal));
    }
}
