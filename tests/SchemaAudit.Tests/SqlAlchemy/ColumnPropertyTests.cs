namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary><c>column_property(Column(...), Parent.col)</c> declares a column; <c>column_property(select(...))</c> does not.</summary>
public sealed class ColumnPropertyTests
{
    private const string Models = """
        from sqlalchemy import Column, ForeignKey, Integer, String, select, func
        from sqlalchemy.orm import DeclarativeBase, column_property

        class Base(DeclarativeBase):
            pass

        class Submission(Base):
            __tablename__ = "submissions"
            id = Column(Integer, primary_key=True)
            challenge_id = Column(Integer)
            type = Column(String(32))
            __mapper_args__ = {"polymorphic_on": type}

        class Solve(Submission):
            __tablename__ = "solves"
            id = Column(Integer, ForeignKey("submissions.id"), primary_key=True)
            challenge_id = column_property(
                Column(Integer, ForeignKey("submissions.id", ondelete="CASCADE")),
                Submission.challenge_id,
            )
            attempts = column_property(select(func.count(Submission.id)).scalar_subquery())
        """;

    [Fact]
    public void A_column_inside_column_property_belongs_to_the_table()
    {
        var schema = Fixture.FromSources(("app/models.py", Models));
        var solves = schema.Tables.Single(t => t.Name == "solves");
        Assert.Equal(["id", "challenge_id"], solves.Columns.Select(c => c.Name));
        Assert.Equal(17, solves.Columns[1].Span.Line);
        Assert.Equal(2, solves.ForeignKeys.Count);
    }
}
