namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>SQLAlchemy-Searchable's <c>make_searchable</c> gives each <c>TSVectorType</c> column a GIN index.</summary>
public sealed class SearchableIndexTests
{
    private const string Database = """
        from sqlalchemy.orm import declarative_base
        from sqlalchemy_searchable import make_searchable

        Base = declarative_base()
        make_searchable(Base.metadata)
        """;

    private const string Models = """
        from sqlalchemy import Column, Integer, String
        from sqlalchemy_utils import TSVectorType
        from app.database import Base

        class Article(Base):
            __tablename__ = "article"
            id = Column(Integer, primary_key=True)
            title = Column(String)
            search_vector = Column(TSVectorType("title", weights={"title": "A"}))
        """;

    [Fact]
    public void Tsvector_columns_get_the_gin_index_the_library_creates()
    {
        var schema = Fixture.FromSources(("app/database.py", Database), ("app/models.py", Models));
        var index = Assert.Single(schema.Tables.Single().Indexes);
        Assert.Equal(("article_search_vector_idx", "gin", "search_vector"), (index.Name, index.Method, index.Columns.Single()));
        Assert.Equal(("app/models.py", 9), (index.Span.Path, index.Span.Line));
    }

    [Fact]
    public void Without_make_searchable_no_index_is_invented()
    {
        var schema = Fixture.FromSources(("app/database.py", "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n"), ("app/models.py", Models));
        Assert.Empty(schema.Tables.Single().Indexes);
    }
}
