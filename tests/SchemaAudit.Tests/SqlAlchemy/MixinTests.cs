using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class MixinTests
{
    private static readonly Fixture s_f = Fixture.Load("mixins");

    [Fact]
    public void Tables_named_by_literal_and_by_declared_attr_function()
    {
        Assert.Equal(["project_tasks", "users"], s_f.Schema.Tables.Select(t => t.Name).Order());
        Assert.Equal(("app/models/project.py", s_f.LineOf("app/models/project.py", "class ProjectTask")), s_f.Table("project_tasks").Span.Where());
    }

    [Fact]
    public void Columns_come_from_mixins_and_abstract_bases_in_other_files()
    {
        Assert.Equal(["created_at", "updated_at", "id", "email"], s_f.Table("users").Columns.Select(c => c.Name));
        var created = s_f.Column("users", "created_at");
        // type_annotation_map on the base makes datetime a timezone-aware timestamp.
        Assert.Equal(LogicalType.TimestampTz, created.Type);
        Assert.False(created.Nullable);
        Assert.Equal(("app/models/base.py", s_f.LineOf("app/models/base.py", "created_at: Mapped")), created.Span.Where());
        Assert.Equal("lambda: datetime.now(timezone.utc)", s_f.Column("users", "updated_at").OnUpdate);
        Assert.Equal(["id"], s_f.Table("users").PrimaryKey!.Columns);

        var task = s_f.Table("project_tasks");
        Assert.Contains("owner_id", task.Columns.Select(c => c.Name));
        Assert.Contains("title", task.Columns.Select(c => c.Name));
        var fk = Assert.Single(task.ForeignKeys);
        Assert.Equal("users", fk.TargetTable);
        Assert.Equal(ReferentialAction.Cascade, fk.OnDelete);
        Assert.Equal(LogicalType.Int32, s_f.Column("project_tasks", "owner_id").Type);
    }

    [Fact]
    public void Declared_attr_relationship_is_owned_by_each_mapped_class()
    {
        var owner = s_f.Relationship("ProjectTask", "owner");
        Assert.Equal("User", owner.TargetEntity);
        Assert.Equal(RelationshipKind.ManyToOne, owner.Kind);
        Assert.Equal(("app/models/base.py", s_f.LineOf("app/models/base.py", "def owner(cls)")), owner.Span.Where());
    }

    [Fact]
    public void Abstract_base_is_an_entity_without_table()
    {
        var audit = s_f.Entity("AuditBase");
        Assert.True(audit.IsAbstract);
        Assert.Null(audit.TableName);
        Assert.DoesNotContain(s_f.Schema.Entities, e => e.Name is "TimestampMixin" or "Base" or "OwnedMixin");
    }
}

public sealed class InheritanceTests
{
    private static readonly Fixture s_f = Fixture.Load("inheritance");

    [Fact]
    public void Single_table_subclasses_add_columns_to_the_parent_table()
    {
        Assert.Equal(["employees", "managers"], s_f.Schema.Tables.Select(t => t.Name));
        Assert.Equal(["id", "type", "language", "mentor_id"], s_f.Table("employees").Columns.Select(c => c.Name));
        Assert.Equal("Employee", s_f.Table("employees").Entity!.Name);
        Assert.Equal("employees", s_f.Entity("Engineer").TableName);
        Assert.Equal("employees", s_f.Entity("SeniorEngineer").TableName);
        Assert.Single(s_f.Table("employees").ForeignKeys);
    }

    [Fact]
    public void Joined_table_subclass_has_its_own_table_keyed_by_the_parent()
    {
        var managers = s_f.Table("managers");
        Assert.Equal(["id", "budget"], managers.Columns.Select(c => c.Name));
        Assert.Equal(["id"], managers.PrimaryKey!.Columns);
        var fk = Assert.Single(managers.ForeignKeys);
        Assert.Equal("employees", fk.TargetTable);
        Assert.False(s_f.Column("managers", "id").IsIdentity); // its key is the parent's
        Assert.Contains("type", s_f.Entity("Manager").AttributeNames); // inherited attributes
    }
}

public sealed class FlaskSqlAlchemyTests
{
    private static readonly Fixture s_f = Fixture.Load("flask");

    [Fact]
    public void Table_names_are_snake_case_of_the_class_name()
    {
        Assert.Equal(["tags", "page", "tag", "roles", "http_log_entry"], s_f.Schema.Tables.Select(t => t.Name));
        Assert.Equal(LogicalType.Int64, s_f.Column("http_log_entry", "id").Type);
        Assert.False(s_f.Column("page", "title").Nullable);
        Assert.Equal(200, s_f.Column("page", "title").Length);
    }

    [Fact]
    public void Db_table_is_an_association_table_used_as_secondary()
    {
        var tags = s_f.Table("tags");
        Assert.True(tags.IsAssociationTable);
        Assert.Null(tags.Entity);
        Assert.Equal(["tag_id", "page_id"], tags.PrimaryKey!.Columns);
        Assert.Equal(("models.py", s_f.LineOf("models.py", "tags = db.Table(")), tags.Span.Where());
        Assert.Equal(("models.py", s_f.LineOf("models.py", "db.Column(\"tag_id\"")), tags.Columns[0].Span.Where());

        var rel = s_f.Relationship("Page", "tags");
        Assert.Equal("tags", rel.Secondary);
        Assert.Equal(RelationshipKind.ManyToMany, rel.Kind);
        Assert.Equal("subquery", rel.Lazy);
        Assert.Equal("pages", rel.Backref);
        Assert.True(rel.IsCollection);
        Assert.Contains("pages", s_f.Entity("Tag").AttributeNames);
        Assert.Contains("log_entries", s_f.Entity("Page").AttributeNames);
    }
}

public sealed class SqlModelTests
{
    private static readonly Fixture s_f = Fixture.Load("sqlmodel");

    [Fact]
    public void Only_table_true_classes_are_tables()
    {
        Assert.Equal(["heroteamlink", "team", "heroes_table"], s_f.Schema.Tables.Select(t => t.Name));
        Assert.DoesNotContain(s_f.Schema.Entities, e => e.Name is "TeamBase" or "HeroRead");
    }

    [Fact]
    public void Fields_give_columns_keys_and_indexes()
    {
        var link = s_f.Table("heroteamlink");
        Assert.Equal(["team_id", "hero_id"], link.PrimaryKey!.Columns);
        Assert.False(s_f.Column("heroteamlink", "team_id").Nullable);
        var heroFk = link.ForeignKeys.Single(fk => fk.Columns[0] == "hero_id");
        Assert.Equal("hero", heroFk.TargetTable);
        Assert.Equal(ReferentialAction.Cascade, heroFk.OnDelete);
        Assert.True(link.IsAssociationTable);

        Assert.Equal(["name", "headquarters", "id"], s_f.Table("team").Columns.Select(c => c.Name));
        var name = s_f.Column("team", "name");
        Assert.Equal(LogicalType.Text, name.Type);
        Assert.Equal(50, name.Length);
        Assert.False(name.Nullable);
        Assert.Single(s_f.Table("team").Indexes, i => i.Columns[0] == "name" && i.Origin == IndexOrigin.ColumnFlag);

        Assert.True(s_f.Column("heroes_table", "age").Nullable);
        Assert.True(s_f.Column("heroes_table", "secret").Nullable);
        Assert.Single(s_f.Table("heroes_table").UniqueConstraints, u => u.Columns[0] == "name" && u.FromColumnFlag);
        var created = s_f.Column("heroes_table", "created_at");
        Assert.Equal(LogicalType.TimestampTz, created.Type);
        Assert.False(created.Nullable);
        Assert.False(created.ServerDefault!.IsRawSql);
    }

    [Fact]
    public void Relationships_with_link_model_and_sa_kwargs()
    {
        var teams = s_f.Relationship("Hero", "teams");
        Assert.Equal("Team", teams.TargetEntity);
        Assert.Equal("heroteamlink", teams.Secondary);
        Assert.Equal(RelationshipKind.ManyToMany, teams.Kind);
        Assert.Equal("selectin", teams.Lazy);
        Assert.Equal("heroes", teams.BackPopulates);
        Assert.Null(s_f.Relationship("Team", "heroes").Lazy);
        Assert.DoesNotContain(s_f.Table("team").Columns, c => c.Name == "heroes");
    }
}
