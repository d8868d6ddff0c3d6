using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>A relationship named by text resolves through SQLAlchemy's registry of mapped classes.</summary>
public sealed class RelationshipRegistryTests
{
    private const string Base = """
        from sqlalchemy.orm import DeclarativeBase

        class Base(DeclarativeBase):
            pass
        """;

    private const string Documents = """
        from sqlalchemy import Column, Integer
        from app.base import Base

        class Document(Base):
            __tablename__ = "document"
            id = Column(Integer, primary_key=True)
        """;

    // The module declares its own Pydantic `Document` for the API; the relationship still means the mapped one.
    private const string Templates = """
        from pydantic import BaseModel
        from sqlalchemy import Column, ForeignKey, Integer
        from sqlalchemy.orm import relationship
        from app.base import Base
        from app.documents import Document

        class Template(Base):
            __tablename__ = "template"
            id = Column(Integer, primary_key=True)
            document_id = Column(Integer, ForeignKey("document.id"))
            document = relationship("Document")
            missing = relationship("Nowhere")

        class Link(Base):
            __tablename__ = "link"
            id = Column(Integer, primary_key=True)
            # Runs before the Pydantic `Document` below rebinds the name: this is the mapped class.
            document_id = Column(Integer, ForeignKey(Document.id))

        class Document(BaseModel):
            id: int
        """;

    [Fact]
    public void A_same_named_unmapped_class_does_not_shadow_the_mapped_target()
    {
        var schema = Fixture.FromSources(("app/base.py", Base), ("app/documents.py", Documents), ("app/templates.py", Templates));
        var document = schema.Relationships.Single(r => r.Attribute == "document");
        Assert.Equal(("Document", "document"), (document.TargetEntity, document.TargetTable));
        var missing = schema.Relationships.Single(r => r.Attribute == "missing");
        Assert.Null(missing.TargetTable);
        Assert.Single(schema.Diagnostics, d => d.Message.Contains("not a mapped class", StringComparison.Ordinal));
        var link = schema.Tables.Single(t => t.Name == "link").ForeignKeys.Single();
        Assert.Equal(("document", "id"), (link.TargetTable, link.TargetColumns.Single()));
    }
}
