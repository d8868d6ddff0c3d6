using SchemaAudit.Model;
using static SchemaAudit.Tests.Drizzle.DrizzleTestProject;

namespace SchemaAudit.Tests.Drizzle;

public sealed class DrizzleCrossFileTests
{
    private const string Helpers = """
        import { timestamp, uuid } from "drizzle-orm/pg-core";

        export const timestamps = {
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        };

        export function idColumn(name = "id") {
          return uuid(name).primaryKey().defaultRandom();
        }

        export const auditColumns = () => ({ ...timestamps, deletedAt: timestamp("deleted_at") });
        """;

    private const string Barrel = """
        export * from "./helpers";
        export { accounts as accountTable } from "./accounts";
        """;

    private const string Accounts = """
        import { pgTable, text } from "drizzle-orm/pg-core";
        import { idColumn, auditColumns } from "./index.js";

        export const accounts = pgTable("accounts", {
          id: idColumn(),
          name: text("name").notNull(),
          ...auditColumns(),
        });
        """;

    private const string Members = """
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        import * as shared from "../shared";
        import { accountTable } from "../shared/index";

        export const members = pgTable("members", {
          memberId: shared.idColumn("member_id"),
          accountId: uuid("account_id").notNull().references(() => accountTable.id),
          ...shared.timestamps,
          createdAt: shared.timestamps.createdAt.$onUpdate(() => new Date()),
        });
        """;

    private static Schema Project() => ExtractClean(
        ("src/shared/helpers.ts", Helpers),
        ("src/shared/index.ts", Barrel),
        ("src/shared/accounts.ts", Accounts),
        ("src/members/members.ts", Members));

    [Fact]
    public void Spread_helper_columns_come_from_the_helper_file()
    {
        var accounts = Project().Table("accounts");
        Assert.Equal(["id", "name", "created_at", "updated_at", "deleted_at"], accounts.Columns.Select(c => c.Name));
        var created = accounts.Column("created_at");
        Assert.Equal("src/shared/helpers.ts", created.Span.Path);
        Assert.Equal(LineOf(Helpers, "createdAt:"), created.Span.Line);
        Assert.Equal(LogicalType.TimestampTz, created.Type);
        Assert.False(created.Nullable);
        Assert.Equal("src/shared/helpers.ts", accounts.Column("deleted_at").Span.Path);
    }

    [Fact]
    public void Function_helpers_expand_with_their_arguments()
    {
        var schema = Project();
        var id = schema.Table("accounts").Column("id");
        Assert.True(id.IsPrimaryKey);
        Assert.Equal("gen_random_uuid()", id.ServerDefault!.Expression);
        Assert.Equal("src/shared/accounts.ts", id.Span.Path);
        var memberId = schema.Table("members").Column("member_id");
        Assert.True(memberId.IsPrimaryKey);
        Assert.Equal(LogicalType.Uuid, memberId.Type);
    }

    [Fact]
    public void Namespace_imports_barrels_and_renamed_re_exports_resolve()
    {
        var members = Project().Table("members");
        var fk = Assert.Single(members.ForeignKeys);
        Assert.Equal(("accounts", "id"), (fk.TargetTable, fk.TargetColumns[0]));
        Assert.Equal(["member_id", "account_id", "created_at", "updated_at"], members.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_later_key_overrides_a_spread_one_in_place()
    {
        var created = Project().Table("members").Column("created_at");
        Assert.Equal("() => new Date()", created.OnUpdate);
        Assert.Equal("src/members/members.ts", created.Span.Path);
        Assert.Null(Project().Table("members").Column("updated_at").OnUpdate);
    }

    [Fact]
    public void Re_export_cycles_end_in_a_diagnostic()
    {
        var schema = Extract(
            ("a/index.ts", "export * from '../b/index';\nexport { x } from '../b/index';"),
            ("b/index.ts", "export * from '../a/index';\nexport { x } from '../a/index';"),
            ("t.ts", "import { pgTable, text } from 'drizzle-orm/pg-core';\nimport { x } from './a/index';\nexport const t = pgTable('t', { ...x, b: text('b') });"));
        Assert.Equal(["b"], schema.Table("t").Columns.Select(c => c.Name));
        Assert.Contains(schema.Diagnostics, d => d.Span.Path == "t.ts" && d.Span.Line == 3);
    }

    [Fact]
    public void Table_creator_prefixes_names()
    {
        const string source = """
            import { pgTableCreator, text } from "drizzle-orm/pg-core";
            export const createTable = pgTableCreator((name) => `app_${name}`);
            export const posts = createTable("posts", { title: text("title") });
            """;
        Assert.Equal("app_posts", Assert.Single(ExtractClean(("s.ts", source)).Tables).Name);
    }
}
