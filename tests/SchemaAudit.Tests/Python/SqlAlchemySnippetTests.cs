using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

/// <summary>The shapes the SQLAlchemy extractor relies on, from real-world model code.</summary>
public sealed class SqlAlchemySnippetTests
{
    [Fact]
    public void Mapped_annotations_of_sqlalchemy_2()
    {
        const string source = """
            class User(Base):
                __tablename__ = "users"

                id: Mapped[int] = mapped_column(primary_key=True)
                name: Mapped[Optional[str]] = mapped_column(String(30))
                tags: Mapped[list["Tag"]] = relationship(back_populates="user", lazy="selectin")
                nick: Mapped[str | None]

            """;
        var module = PyTree.ParseClean(source);
        var cls = Assert.IsType<PyClassDef>(Assert.Single(module.Body));
        var assigns = cls.Body.OfType<PyAnnAssign>().ToList();
        Assert.Equal(["id", "name", "tags", "nick"], assigns.Select(a => ((PyName)a.Target).Id));

        var name = assigns[1];
        var mapped = Assert.IsType<PySubscript>(name.Annotation);
        Assert.Equal("Mapped", ((PyName)mapped.Value).Id);
        var optional = Assert.IsType<PySubscript>(mapped.Index);
        Assert.Equal("str", ((PyName)optional.Index).Id);

        var nick = assigns[3];
        var union = Assert.IsType<PyBinary>(((PySubscript)nick.Annotation).Index);
        Assert.Equal("|", union.Op);
        Assert.Equal(PyConstantKind.None, Assert.IsType<PyConstant>(union.Right).Kind);

        var relationship = Assert.IsType<PyCall>(assigns[2].Value);
        Assert.Equal("selectin", Assert.IsType<PyString>(relationship.Args.Single(a => a.Name == "lazy").Value).Value);
        Assert.Equal((6, 5), (assigns[2].Line, assigns[2].Column));
    }

    [Fact]
    public void Table_args_tuple_with_a_trailing_dict()
    {
        const string source = """
            class Post(Base):
                __table_args__ = (
                    UniqueConstraint("slug", name="uq_posts_slug"),
                    Index("ix_posts_author", "author_id"),
                    {"schema": "blog", "comment": "Posts"},
                )

            """;
        var module = PyTree.ParseClean(source);
        var assign = Assert.IsType<PyAssign>(((PyClassDef)module.Body[0]).Body[0]);
        var tuple = Assert.IsType<PyTuple>(assign.Value);
        Assert.Equal(3, tuple.Elements.Count);
        var options = Assert.IsType<PyDict>(tuple.Elements[2]);
        Assert.Equal(["schema", "comment"], options.Keys.Select(k => ((PyString)k!).Value));
        Assert.Equal((3, 9), (tuple.Elements[0].Line, tuple.Elements[0].Column));
    }

    [Fact]
    public void Declared_attr_and_hybrid_property_decorators()
    {
        const string source = """
            class TenantMixin:
                @declared_attr
                def tenant_id(cls) -> Mapped[int]:
                    return mapped_column(ForeignKey("tenants.id"), index=True)

                @declared_attr.directive
                def __tablename__(cls) -> str:
                    return cls.__name__.lower()

                @is_deleted.expression
                def is_deleted(cls):
                    return cls.deleted_at.isnot(None)

            """;
        var module = PyTree.ParseClean(source);
        var defs = ((PyClassDef)module.Body[0]).Body.Cast<PyFunctionDef>().ToList();
        Assert.Equal(["declared_attr", "declared_attr.directive", "is_deleted.expression"], defs.Select(d => module.TextOf(d.Decorators[0])));
        var directive = Assert.IsType<PyAttribute>(defs[1].Decorators[0]);
        Assert.Equal("directive", directive.Attr);
        var returned = Assert.IsType<PyCall>(Assert.IsType<PyReturn>(defs[0].Body[0]).Value);
        Assert.Equal("ForeignKey(\"tenants.id\")", module.TextOf(returned.Args[0].Value));
        Assert.Equal((3, 5), (defs[0].Line, defs[0].Column));
    }

    [Fact]
    public void Classic_columns_with_foreign_keys_and_server_defaults()
    {
        const string source = """
            class Order(Base):
                __tablename__ = 'orders'
                customer_id = Column(Integer, ForeignKey('customers.id', ondelete='CASCADE'), nullable=False)
                created = Column(DateTime(timezone=True), server_default=func.now())

            """;
        var module = PyTree.ParseClean(source);
        var body = ((PyClassDef)module.Body[0]).Body;
        var column = (PyCall)((PyAssign)body[1]).Value;
        var fk = Assert.IsType<PyCall>(column.Args[1].Value);
        Assert.Equal("CASCADE", ((PyString)fk.Args.Single(a => a.Name == "ondelete").Value).Value);
        Assert.Equal((3, 35), (fk.Line, fk.Column));
        var serverDefault = ((PyCall)((PyAssign)body[2]).Value).Args.Single(a => a.Name == "server_default").Value;
        Assert.Equal("func.now()", module.TextOf(serverDefault));
    }

    [Fact]
    public void Flask_sqlalchemy_and_association_tables()
    {
        const string source = """
            user_roles = db.Table(
                "user_roles",
                db.Column("user_id", db.Integer(), db.ForeignKey("users.id"), primary_key=True),
            )

            class User(db.Model):
                roles = db.relationship("Role", secondary=user_roles, backref=db.backref("users", lazy="dynamic"))

            """;
        var module = PyTree.ParseClean(source);
        var table = (PyCall)((PyAssign)module.Body[0]).Value;
        Assert.Equal("db.Table", module.TextOf(table.Func));
        var cls = (PyClassDef)module.Body[1];
        Assert.Equal("db.Model", module.TextOf(cls.Bases[0]));
    }

    [Fact]
    public void Sqlmodel_class_keywords()
    {
        var module = PyTree.ParseClean("class Hero(SQLModel, table=True):\n    id: int | None = Field(default=None, primary_key=True)\n");
        var cls = (PyClassDef)module.Body[0];
        Assert.Equal("table", cls.Bases[1].Name);
        Assert.Equal(PyConstantKind.True, ((PyConstant)cls.Bases[1].Value).Kind);
    }

    [Fact]
    public void Type_checking_imports_and_string_annotations()
    {
        const string source = """
            from __future__ import annotations
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from .accounts import Account

            class Project(Base):
                owner: Mapped["Account"] = relationship(foreign_keys="[Project.owner_id]")

            """;
        var module = PyTree.ParseClean(source);
        var guarded = Assert.IsType<PyIf>(module.Body[2]);
        var import = Assert.IsType<PyImportFrom>(Assert.Single(guarded.Body));
        Assert.Equal(("accounts", 1), (import.Module, import.Level));
    }
}
