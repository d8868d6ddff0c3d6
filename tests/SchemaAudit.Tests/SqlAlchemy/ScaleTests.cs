using System.Diagnostics;
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

    private static (Schema Schema, TimeSpan Elapsed) Extract(List<PyModule> modules)
    {
        var best = TimeSpan.MaxValue;
        Schema? schema = null;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            schema = new Schema();
            new ModelExtractor(modules.Select(m => new ModuleInfo(m)).ToList()).Extract(schema);
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        return (schema!, best);
    }

    /// <summary>2,000 tables in 200 files, linked across files: read completely, in time linear in their number.</summary>
    [Fact]
    public void Two_thousand_tables_are_read_completely_in_linear_time()
    {
        var (small, smallTime) = Extract(Project(50));
        var (large, largeTime) = Extract(Project(200));

        Assert.Equal(500, small.Tables.Count);
        Assert.Equal(2000, large.Tables.Count);
        Assert.Equal(1990, large.Relationships.Count(r => r.TargetTable is not null && r.Kind == RelationshipKind.ManyToOne));
        Assert.Equal(1990, large.Tables.Sum(t => t.ForeignKeys.Count(fk => fk.TargetTable.EndsWith("_0", StringComparison.Ordinal))));
        Assert.Empty(large.Diagnostics);
        // Four times the input: linear cost is ~4x; a quadratic pass would be ~16x.
        var ratio = largeTime.TotalMilliseconds / Math.Max(1, smallTime.TotalMilliseconds);
        Assert.True(ratio < 9, $"500 tables: {smallTime.TotalMilliseconds:F0} ms, 2000 tables: {largeTime.TotalMilliseconds:F0} ms (x{ratio:F1})");
    }
}
