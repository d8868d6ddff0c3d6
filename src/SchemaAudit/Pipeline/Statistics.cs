using SchemaAudit.Model;

namespace SchemaAudit.Pipeline;

/// <summary>Counts the report states about the schema (RULES.md, "Report facts").</summary>
public sealed record Statistics
{
    public int Tables { get; init; }
    public int Columns { get; init; }
    public int ForeignKeys { get; init; }
    public int UniqueConstraints { get; init; }
    public int PrimaryIndexes { get; init; }
    public int UniqueIndexes { get; init; }
    public int OtherIndexes { get; init; }
    public int Entities { get; init; }
    public int Relationships { get; init; }

    /// <summary>ORM columns with a type annotation / ORM columns (null when the source has no ORM).</summary>
    public double? AnnotationCoverage { get; init; }

    /// <summary>Columns with a comment or doc / all columns (null when there are no columns).</summary>
    public double? DocumentationCoverage { get; init; }

    /// <summary>Files that declare models, with their line counts, sorted by path.</summary>
    public IReadOnlyList<SourceFileInfo> ModelFiles { get; init; } = [];

    public static Statistics Compute(Schema schema)
    {
        int columns = 0, fks = 0, uniques = 0, pk = 0, uniqueIdx = 0, otherIdx = 0, ormColumns = 0, annotated = 0, documented = 0;
        foreach (var table in schema.Tables)
        {
            columns += table.Columns.Count;
            fks += table.ForeignKeys.Count;
            uniques += table.UniqueConstraints.Count;
            if (table.PrimaryKey is { Columns.Count: > 0 }) pk++;
            foreach (var index in table.Indexes)
            {
                if (index.IsUnique) uniqueIdx++;
                else otherIdx++;
            }
            foreach (var column in table.Columns)
            {
                if (column.Attribute is { } attribute)
                {
                    ormColumns++;
                    if (attribute.Annotation is not null) annotated++;
                }
                if (!string.IsNullOrWhiteSpace(column.Comment) || !string.IsNullOrWhiteSpace(column.Doc)) documented++;
            }
        }
        return new Statistics
        {
            Tables = schema.Tables.Count,
            Columns = columns,
            ForeignKeys = fks,
            UniqueConstraints = uniques,
            PrimaryIndexes = pk,
            UniqueIndexes = uniqueIdx,
            OtherIndexes = otherIdx,
            Entities = schema.Entities.Count(e => !e.IsAbstract && e.TableName is not null),
            Relationships = schema.Relationships.Count,
            AnnotationCoverage = ormColumns == 0 ? null : (double)annotated / ormColumns,
            DocumentationCoverage = columns == 0 ? null : (double)documented / columns,
            ModelFiles = [.. schema.Files.Where(f => f.HasModels).OrderBy(f => f.Path, StringComparer.Ordinal)],
        };
    }
}
