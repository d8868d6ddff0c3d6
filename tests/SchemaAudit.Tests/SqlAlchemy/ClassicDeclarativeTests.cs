using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class ClassicDeclarativeTests
{
    private static readonly Fixture s_f = Fixture.Load("classic");
    private const string File = "models.py";

    [Fact]
    public void Reads_both_tables_with_their_class_lines_and_entities()
    {
        Assert.Equal(["users", "posts"], s_f.Schema.Tables.Select(t => t.Name));
        Assert.Equal(s_f.At(File, "class User(Base)"), s_f.Table("users").Span.Where());
        Assert.True(s_f.Entity("User").HasDoc);
        Assert.False(s_f.Entity("Post").HasDoc);
        Assert.Same(s_f.Entity("User"), s_f.Table("users").Entity);
        Assert.DoesNotContain(s_f.Schema.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Column_name_type_and_nullability()
    {
        var id = s_f.Column("users", "id");
        Assert.Equal(LogicalType.Int32, id.Type);
        Assert.False(id.Nullable);
        Assert.True(id.IsPrimaryKey);
        Assert.True(id.IsIdentity);
        Assert.Equal(["id"], s_f.Table("users").PrimaryKey!.Columns);

        var email = s_f.Column("users", "email_address");
        Assert.Equal("email", email.Attribute!.Name);
        Assert.Equal(LogicalType.Text, email.Type);
        Assert.Equal(255, email.Length);
        Assert.Equal("String(255)", email.TypeAsWritten);
        Assert.False(email.Nullable);
        Assert.True(email.Attribute.NullableExplicit);
        Assert.Null(email.Attribute.Annotation);
        Assert.Equal(s_f.At(File, "email = Column("), email.Span.Where());

        var name = s_f.Column("users", "name");
        Assert.True(name.Nullable); // classic Column defaults to nullable
        Assert.False(name.Attribute!.NullableExplicit);
        Assert.Equal("display name", name.Comment);
        Assert.Equal("Shown in the UI", name.Doc);

        Assert.Equal(LogicalType.Timestamp, s_f.Column("users", "created_at").Type);
        Assert.Equal(LogicalType.TimestampTz, s_f.Column("users", "updated_at").Type);
        Assert.Equal(LogicalType.Int64, s_f.Column("posts", "id").Type);
        Assert.Equal(LogicalType.Text, s_f.Column("posts", "body").Type);
    }

    [Fact]
    public void Defaults_and_on_update()
    {
        var active = s_f.Column("users", "active").ServerDefault!;
        Assert.Equal("'true'", active.Expression); // a plain string is rendered as a quoted SQL literal
        Assert.True(active.IsRawSql);
        Assert.Equal(s_f.LineOf(File, "active = Column"), active.Span.Line);

        var created = s_f.Column("users", "created_at");
        Assert.Equal("datetime.utcnow", created.ClientDefault);
        Assert.Equal("sa.func.now()", created.ServerDefault!.Expression);
        Assert.False(created.ServerDefault.IsRawSql);

        var updated = s_f.Column("users", "updated_at");
        Assert.Equal("datetime.utcnow", updated.OnUpdate);
        Assert.Equal("text(\"now()\")", updated.ServerDefault!.Expression);
        Assert.True(updated.ServerDefault.IsRawSql);
    }

    [Fact]
    public void Unique_and_index_flags_follow_sqlalchemy()
    {
        var users = s_f.Table("users");
        // unique=True, index=True: one unique index, no separate constraint.
        var emailIndex = Assert.Single(users.Indexes);
        Assert.Equal(["email_address"], emailIndex.Columns);
        Assert.True(emailIndex.IsUnique);
        Assert.Equal(IndexOrigin.ColumnFlag, emailIndex.Origin);
        // unique=True alone: a constraint.
        var nameUnique = Assert.Single(users.UniqueConstraints);
        Assert.Equal(["name"], nameUnique.Columns);
        Assert.True(nameUnique.FromColumnFlag);
    }

    [Fact]
    public void Foreign_keys_with_actions_spans_and_inferred_types()
    {
        var posts = s_f.Table("posts");
        var author = posts.ForeignKeys.Single(fk => fk.Columns[0] == "author_id");
        Assert.Equal("users", author.TargetTable);
        Assert.Equal(["id"], author.TargetColumns);
        Assert.Equal(ReferentialAction.Cascade, author.OnDelete);
        Assert.Equal(ReferentialAction.SetNull, author.OnUpdate);
        Assert.Equal(s_f.LineOf(File, "author_id = Column"), author.Span.Line);

        var editor = posts.ForeignKeys.Single(fk => fk.Columns[0] == "editor_id");
        Assert.Equal(ReferentialAction.Unspecified, editor.OnDelete);
        // No type written: SQLAlchemy copies the referenced column's type.
        Assert.Equal(LogicalType.Int32, s_f.Column("posts", "editor_id").Type);
    }

    [Fact]
    public void Relationships_with_backref_and_foreign_keys()
    {
        var author = s_f.Relationship("Post", "author");
        Assert.Equal("User", author.TargetEntity);
        Assert.Equal("users", author.TargetTable);
        Assert.Equal("posts", author.OwnerTable);
        Assert.Equal(RelationshipKind.ManyToOne, author.Kind);
        Assert.Equal("posts", author.Backref);
        Assert.Null(author.Lazy);
        Assert.Equal(["author_id"], author.ForeignKeyColumns);
        Assert.False(author.IsCollection);
        Assert.Contains("posts", s_f.Entity("User").AttributeNames);

        var editor = s_f.Relationship("Post", "editor");
        Assert.Equal("joined", editor.Lazy);
        Assert.Equal(RelationshipKind.ManyToOne, editor.Kind);
        Assert.Equal(s_f.At(File, "editor = relationship"), editor.Span.Where());
        Assert.Null(editor.TargetAsWritten); // resolved

        var schema = Fixture.FromSources(("m.py", "from sqlalchemy.orm import relationship, declarative_base\nfrom sqlalchemy import Column, Integer\nB = declarative_base()\nclass A(B):\n    __tablename__ = 'a'\n    id = Column(Integer, primary_key=True)\n    p = relationship(\"Publisher\")\n"));
        var unresolved = Assert.Single(schema.Relationships);
        Assert.Null(unresolved.TargetEntity);
        Assert.Equal("Publisher", unresolved.TargetAsWritten);
    }

    [Fact]
    public void Files_are_reported_with_line_counts()
    {
        var file = Assert.Single(s_f.Schema.Files);
        Assert.Equal(File, file.Path);
        Assert.True(file.HasModels);
        Assert.Equal(System.IO.File.ReadAllLines(Path.Combine(s_f.Root, File)).Length, file.Lines);
    }
}
