using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class RemoteSideTests
{
    private static readonly Fixture s_f = Fixture.Load("remote-side");

    [Theory]
    [InlineData("AnnotationOnly", "parent", true)]   // `id: Mapped[int]` alone binds nothing: `id` is the builtin
    [InlineData("DeclaredAfter", "parent", true)]    // the column is assigned after the relationship
    [InlineData("Modern", "parent", false)]          // `id: Mapped[...] = mapped_column(...)` binds `id` first
    [InlineData("Modern", "by_string", false)]
    [InlineData("Classic", "parent", false)]         // `id = Column(...)` earlier in the body
    [InlineData("FromMixin", "parent", true)]        // inside a declared_attr method the class body is not in scope
    public void Builtin_remote_side(string owner, string attribute, bool builtin)
    {
        var rel = s_f.Relationship(owner, attribute);
        Assert.Equal(builtin, rel.RemoteSideNamesBuiltin);
        Assert.NotEmpty(rel.RemoteSide);
    }

    [Fact]
    public void Self_referential_kinds()
    {
        var parent = s_f.Relationship("Modern", "parent");
        Assert.Equal(["id"], parent.RemoteSide);
        Assert.Equal(RelationshipKind.ManyToOne, parent.Kind);
        Assert.Equal("Modern", parent.TargetEntity);
        Assert.Equal(["Modern.id"], s_f.Relationship("Modern", "by_string").RemoteSide);
        Assert.Equal(RelationshipKind.OneToMany, s_f.Relationship("Modern", "children").Kind);
        Assert.Equal(RelationshipKind.ManyToOne, s_f.Relationship("Classic", "parent").Kind);
        Assert.Contains("children", s_f.Entity("Classic").AttributeNames);
        Assert.Equal("FromMixin", s_f.Relationship("FromMixin", "parent").TargetEntity); // relationship(cls.__name__)
    }
}

public sealed class EventListenerTests
{
    private static readonly Fixture s_f = Fixture.Load("events");

    [Fact]
    public void Before_update_listeners_become_update_hooks()
    {
        var hooks = s_f.Schema.UpdateHooks;
        Assert.Contains(new UpdateHook("notes", "modified_at", "sqlalchemy before_update listener", SourceSpan.At("models.py", s_f.LineOf("models.py", "target.modified = "), 9)), hooks.Select(h => h with { Span = SourceSpan.At(h.Span.Path, h.Span.Line, h.Span.Column) }));
        Assert.Contains(hooks, h => h.Table is null && h.Column == "changed_at" && h.Span.Line == s_f.LineOf("models.py", "instance.changed_at ="));
        Assert.Contains(hooks, h => h.Table == "notes" && h.Column == "changed_at" && h.Span.Line == s_f.LineOf("models.py", "setattr(target"));
        Assert.Contains(hooks, h => h.Table is null && h.Column == "updated_at" && h.Mechanism == "sqlalchemy before_flush listener");
        Assert.DoesNotContain(hooks, h => h.Column == "created_at"); // before_insert is not an update hook
        Assert.Equal(4, hooks.Count);
    }
}

public sealed class BrokenInputTests
{
    private static readonly Fixture s_f = Fixture.Load("broken");

    [Fact]
    public void A_syntax_error_costs_only_the_broken_class()
    {
        var names = s_f.Schema.Tables.Select(t => t.Name).ToList();
        Assert.Contains("good", names);
        Assert.Contains("first", names);
        Assert.Contains("last", names);
        var error = Assert.Single(s_f.Schema.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("broken.py", error.Span.Path);
        // The unclosed `Column(` two lines below `class Broken`.
        Assert.Equal(s_f.LineOf("broken.py", "class Broken") + 2, error.Span.Line);
        Assert.True(error.Span.Column > 0);
    }

    [Fact]
    public void Unreadable_constructs_are_reported_not_thrown()
    {
        Assert.Contains(s_f.Schema.Diagnostics, d => d.Span.Path == "broken.py" && d.Span.Line == s_f.LineOf("broken.py", "**options") && d.Message.Contains("kwargs_col", StringComparison.Ordinal));
        Assert.Contains(s_f.Schema.Diagnostics, d => d.Span.Line == s_f.LineOf("broken.py", "TABLE_PREFIX") && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(s_f.Schema.Diagnostics, d => d.Span.Line == s_f.LineOf("broken.py", "dynamic_table = Table(") && d.Message.Contains("not a string literal", StringComparison.Ordinal));
        Assert.Equal(LogicalType.Int32, s_f.Column("last", "kwargs_col").Type);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var schema = Fixture.FromSources(
            ("a.py", "from sqlalchemy import *\nclass X(Base:\n  id = Column(\n"),
            ("b.py", "import sqlalchemy\nclass A(A): __tablename__ = 'a'\nclass B(C): pass\nclass C(B): pass\n"),
            ("c.py", "from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase): pass\nclass T(Base):\n  __tablename__='t'\n  x: Mapped[\"[[[\"] = mapped_column(ForeignKey())\n  r = relationship()\n  __table_args__ = (Index(), UniqueConstraint(), 5, {1: 2})\n"));
        Assert.NotEmpty(schema.Diagnostics);
        Assert.DoesNotContain(schema.Diagnostics, d => d.Message.Contains("internal error", StringComparison.Ordinal));
        Assert.Contains(schema.Tables, t => t.Name == "t");
    }
}
