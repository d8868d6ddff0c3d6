using SchemaAudit.Discovery;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>A column type kept in a module variable is the type of that variable's value (found by the same-schema test).</summary>
public sealed class TypeVariableTests
{
    private static Schema Read(string text) => AuditRunner.BuildSchema([new SourceFile("/project/models.py", "models.py", text)]);

    [Fact]
    public void Enum_type_in_a_module_variable_is_an_enum_with_its_values()
    {
        var schema = Read("""
            from sqlalchemy.dialects.postgresql import ENUM
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

            post_status = ENUM("draft", "published", name="post_status")


            class Base(DeclarativeBase):
                pass


            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)
                status: Mapped[str] = mapped_column(post_status)
            """);
        var status = schema.FindTable("posts")!.FindColumn("status")!;
        Assert.Equal((LogicalType.Enum, "post_status"), (status.Type, status.EnumName));
        Assert.Equal(["draft", "published"], Assert.Single(schema.Enums).Values);
    }

    [Fact]
    public void Variable_holding_a_sized_string_keeps_its_length()
    {
        var schema = Read("""
            from sqlalchemy import Column, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()
            Email = String(320)


            class User(Base):
                __tablename__ = "users"
                id = Column(Integer, primary_key=True)
                email = Column(Email, nullable=False)
            """);
        var email = schema.FindTable("users")!.FindColumn("email")!;
        Assert.Equal((LogicalType.Text, 320), (email.Type, email.Length));
    }

    [Fact]
    public void Variable_that_refers_to_itself_does_not_loop()
    {
        var schema = Read("""
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()
            Loop = Loop


            class Thing(Base):
                __tablename__ = "things"
                id = Column(Integer, primary_key=True)
                value = Column(Loop)
            """);
        Assert.Equal(LogicalType.Unknown, schema.FindTable("things")!.FindColumn("value")!.Type);
    }
}
