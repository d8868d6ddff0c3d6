using SchemaAudit.Model;
using static SchemaAudit.Tests.Drizzle.DrizzleTestProject;

namespace SchemaAudit.Tests.Drizzle;

public sealed class DrizzleRelationsTests
{
    private const string Source = """
        import { relations } from "drizzle-orm";
        import { pgTable, uuid, text } from "drizzle-orm/pg-core";

        export const users = pgTable("users", { id: uuid("id").primaryKey(), name: text("name") });
        export const posts = pgTable("posts", {
          id: uuid("id").primaryKey(),
          authorId: uuid("author_id").notNull().references(() => users.id),
          reviewerId: uuid("reviewer_id"),
        });

        export const usersRelations = relations(users, ({ many }) => ({
          posts: many(posts, { relationName: "author" }),
          reviews: many(posts, { relationName: "reviewer" }),
        }));

        export const postsRelations = relations(posts, (h) => ({
          author: h.one(users, { fields: [posts.authorId], references: [users.id], relationName: "author" }),
          reviewer: h.one(users, {
            fields: [posts.reviewerId],
            references: [users.id],
            relationName: "reviewer",
          }),
        }));
        """;

    [Fact]
    public void One_and_many_become_relationships_at_their_lines()
    {
        var schema = ExtractClean(("schema.ts", Source));
        Assert.Equal(4, schema.Relationships.Count);
        var posts = schema.Relationships.Single(r => r.Attribute == "posts");
        Assert.Equal(("users", "users", "posts", "posts"), (posts.OwnerEntity, posts.OwnerTable, posts.TargetEntity, posts.TargetTable));
        Assert.Equal(RelationshipKind.OneToMany, posts.Kind);
        Assert.True(posts.IsCollection);
        Assert.Equal(LineOf(Source, "posts: many("), posts.Span.Line);

        var reviewer = schema.Relationships.Single(r => r.Attribute == "reviewer");
        Assert.Equal(RelationshipKind.ManyToOne, reviewer.Kind);
        Assert.Equal(["reviewer_id"], reviewer.ForeignKeyColumns);
        Assert.Equal(["id"], reviewer.ReferencedColumns);
        Assert.Equal(LineOf(Source, "reviewer: h.one("), reviewer.Span.Line);
    }

    [Fact]
    public void Relation_names_pair_the_two_sides()
    {
        var relationships = ExtractClean(("schema.ts", Source)).Relationships.ToDictionary(r => r.Attribute);
        Assert.Equal("author", relationships["posts"].BackPopulates);
        Assert.Equal("posts", relationships["author"].BackPopulates);
        Assert.Equal("reviewer", relationships["reviews"].BackPopulates);
        Assert.Equal("reviews", relationships["reviewer"].BackPopulates);
    }

    [Fact]
    public void Drizzle_has_no_implicit_lazy_loading()
    {
        Assert.All(ExtractClean(("schema.ts", Source)).Relationships, r => Assert.Equal("explicit", r.Lazy));
    }

    [Fact]
    public void Relation_attributes_join_the_entity()
    {
        var users = ExtractClean(("schema.ts", Source)).Entities.Single(e => e.Name == "users");
        Assert.Contains("posts", users.AttributeNames);
        Assert.Contains("reviews", users.AttributeNames);
        Assert.Contains("name", users.AttributeNames);
    }

    [Fact]
    public void Relations_across_files()
    {
        const string tables = """
            import { pgTable, uuid } from "drizzle-orm/pg-core";
            export const a = pgTable("a", { id: uuid("id").primaryKey() });
            export const b = pgTable("b", { id: uuid("id").primaryKey(), aId: uuid("a_id") });
            """;
        const string rels = """
            import { relations } from "drizzle-orm";
            import * as s from "./tables";
            export default relations(s.b, ({ one }) => ({ a: one(s.a, { fields: [s.b.aId], references: [s.a.id] }) }));
            """;
        var relationship = Assert.Single(ExtractClean(("tables.ts", tables), ("relations.ts", rels)).Relationships);
        Assert.Equal(("b", "a", "a_id"), (relationship.OwnerTable, relationship.TargetTable, Assert.Single(relationship.ForeignKeyColumns)));
        Assert.Equal("relations.ts", relationship.Span.Path);
    }
}
