using System.Globalization;
using System.Text;

namespace SchemaAudit.Bench;

/// <summary>
/// Writes a synthetic SQLAlchemy project of N tables: ~10 model classes a file, realistic
/// columns (uuid and int keys, strings, timestamps, JSON, enums), foreign keys to earlier
/// tables (often in other files), relationships with back_populates, and indexes.
/// Deterministic for a given seed, so timings compare across runs.
/// </summary>
public static class ProjectGenerator
{
    public const int TablesPerFile = 10;

    public static void Generate(string directory, int tables, int seed = 42)
    {
        var random = new Random(seed);
        var models = Path.Combine(directory, "app", "models");
        Directory.CreateDirectory(models);
        File.WriteAllText(Path.Combine(directory, "app", "__init__.py"), "");
        File.WriteAllText(Path.Combine(models, "base.py"), BaseModule);

        var files = (tables + TablesPerFile - 1) / TablesPerFile;
        var init = new StringBuilder("from .base import Base, TimestampMixin\n");
        for (var file = 0; file < files; file++)
        {
            var first = file * TablesPerFile;
            var count = Math.Min(TablesPerFile, tables - first);
            File.WriteAllText(Path.Combine(models, $"module_{file:D4}.py"), Module(first, count, random));
            init.Append(CultureInfo.InvariantCulture, $"from .module_{file:D4} import *  # noqa: F401,F403\n");
        }
        File.WriteAllText(Path.Combine(models, "__init__.py"), init.ToString());
    }

    private const string BaseModule = """
        from datetime import datetime

        from sqlalchemy import DateTime, func
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        class TimestampMixin:
            created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
            updated_at: Mapped[datetime] = mapped_column(
                DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
            )

        """;

    private static string ClassName(int table) => $"Entity{table:D5}";

    private static string TableName(int table) => $"entity_{table:D5}s";

    private static string Module(int first, int count, Random random)
    {
        var sb = new StringBuilder();
        sb.Append("""
            import enum
            import uuid
            from datetime import datetime
            from decimal import Decimal
            from typing import Any, Optional

            from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Enum, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
            from sqlalchemy.orm import Mapped, mapped_column, relationship

            from .base import Base, TimestampMixin


            class Status(enum.Enum):
                ACTIVE = "active"
                ARCHIVED = "archived"

            """);
        for (var t = first; t < first + count; t++)
        {
            // Each table references up to two earlier tables; the first has no parent.
            var parents = new List<int>();
            if (t > 0) parents.Add(random.Next(Math.Max(0, t - 50), t));
            if (t > 1 && random.Next(3) == 0) parents.Add(random.Next(0, t));
            parents = [.. parents.Distinct()];

            sb.Append(CultureInfo.InvariantCulture, $"""


                class {ClassName(t)}(TimestampMixin, Base):
                    "Synthetic entity number {t}."

                    __tablename__ = "{TableName(t)}"
                    __table_args__ = (
                        Index("ix_{TableName(t)}_name_status", "name", "status"),
                        UniqueConstraint("code", name="uq_{TableName(t)}_code"),
                    )

                    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
                    code: Mapped[str] = mapped_column(String(32))
                    name: Mapped[str] = mapped_column(String(200), doc="Display name")
                    description: Mapped[Optional[str]] = mapped_column(Text)
                    status: Mapped[Status] = mapped_column(Enum(Status, native_enum=False), default=Status.ACTIVE)
                    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=0)
                    counter: Mapped[int] = mapped_column(BigInteger, default=0)
                    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
                    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
                    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

                """);
            foreach (var p in parents)
            {
                var column = $"{TableName(p)[..^1]}_id";
                var nullable = random.Next(2) == 0;
                var onDelete = nullable ? "SET NULL" : "CASCADE";
                var annotation = nullable ? "uuid.UUID | None" : "uuid.UUID";
                sb.Append(CultureInfo.InvariantCulture, $"""
                        {column}: Mapped[{annotation}] = mapped_column(
                            ForeignKey("{TableName(p)}.id", ondelete="{onDelete}"), index=True
                        )
                        {column[..^3]}: Mapped["{ClassName(p)}{(nullable ? " | None" : "")}"] = relationship(lazy="joined")

                    """);
            }
        }
        return sb.ToString();
    }
}
