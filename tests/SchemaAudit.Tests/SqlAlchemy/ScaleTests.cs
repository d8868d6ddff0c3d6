using System.Text;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Frontends.SqlAlchemy;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class ScaleTests
{
    /// <summary>A synthetic project: <paramref name="fileCount"/> files of ten tables, each linked to a table of the previous file.</summary>
    private static List<PyModule> Project(int fileCount)
    {
        var modules = new List<PyModule> { PyParser.Parse("app/models/base.py", "from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase):\n    pass\n") };
        for (var f = 0; f < fileCount; f++)
        {
            var sb = new StringBuilder();
            sb.Append("import uuid\nfrom typing import Optional\nfrom sqlalchemy import ForeignKey, String, Index\nfrom sqlalchemy.orm import Mapped, mapped_column, relationship\nfrom .base import Base\n");
            if (f > 0) sb.Append($"from .m{f - 1} import T{f - 1}_0\n");
            for (var c = 0; c < 10; c++)
            {
                sb.Append($"\n\nclass T{f}_{c}(Base):\n    __tablename__ = \"t{f}_{c}\"\n    __table_args__ = (Index(\"ix_t{f}_{c}_name\", \"name\"),)\n");
                sb.Append("    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)\n");
                sb.Append("    name: Mapped[str] = mapped_column(String(100), index=True)\n");
                sb.Append("    note: Mapped[Optional[str]]\n");
                if (f > 0)
                {
                    sb.Append($"    parent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(\"t{f - 1}_0.id\", ondelete=\"CASCADE\"))\n");
                    sb.Append($"    parent: Mapped[\"T{f - 1}_0\"] = relationship(lazy=\"selectin\")\n");
                }
            }
            modules.Add(PyParser.Parse($"app/models/m{f}.py", sb.ToString()));
        }
        return modules;
    }

    private static Schema Extract(List<PyModule> modules)
    {
        var schema = new Schema();
        new ModelExtractor(modules.Select(m => new ModuleInfo(m)).ToList()).Extract(schema);
        return schema;
    }

    /// <summary>2,000 tables in 200 files, linked across files, are read completely (the time is measured by bench/).</summary>
    [Fact]
    public void Two_thousand_tables_are_read_completely()
    {
        var small = Extract(Project(50));
        var large = Extract(Project(200));

        Assert.Equal(500, small.Tables.Count);
        Assert.Equal(2000, large.Tables.Count);
        Assert.Equal(1990, large.Relationships.Count(r => r.TargetTable is not null && r.Kind == RelationshipKind.ManyToOne));
        Assert.Equal(1990, large.Tables.Sum(t => t.ForeignKeys.Count(fk => fk.TargetTable.EndsWith("_0", StringComparison.Ordinal))));
        Assert.Empty(large.Diagnostics);
    }
}
