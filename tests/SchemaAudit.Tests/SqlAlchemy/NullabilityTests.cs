namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>Every combination of annotation, <c>nullable=</c> and <c>primary_key=</c>, decided as SQLAlchemy decides.</summary>
public sealed class NullabilityTests
{
    private static readonly Fixture s_f = Fixture.Load("nullability");

    [Theory]
    // column, nullable, annotation nullable (null = no annotation), explicit
    [InlineData("id", false, false, false)]
    [InlineData("plain", false, false, false)]
    [InlineData("optional", true, true, false)]
    [InlineData("pipe_none", true, true, false)]
    [InlineData("union_none", true, true, false)]
    [InlineData("quoted", true, true, false)]
    [InlineData("plain_mc", false, false, false)]
    [InlineData("optional_mc", true, true, false)]
    [InlineData("plain_explicit_true", true, false, true)]
    [InlineData("optional_explicit_false", false, true, true)]
    [InlineData("optional_pk", false, true, false)]
    [InlineData("pk_explicit_true", true, false, true)]
    [InlineData("no_annotation", true, null, false)]
    [InlineData("classic", true, null, false)]
    [InlineData("classic_pk", false, null, false)]
    [InlineData("classic_false", false, null, true)]
    [InlineData("classic_annotated", true, false, false)]
    public void Nullability(string column, bool nullable, bool? annotationNullable, bool explicitNullable)
    {
        var c = s_f.Column("rows", column);
        Assert.Equal(nullable, c.Nullable);
        Assert.Equal(annotationNullable, c.Attribute!.AnnotationNullable);
        Assert.Equal(explicitNullable, c.Attribute.NullableExplicit);
        Assert.Equal(column, c.Attribute.Name);
    }

    [Fact]
    public void Several_primary_key_flags_make_a_composite_key()
    {
        Assert.Equal(["id", "optional_pk", "pk_explicit_true", "classic_pk"], s_f.Table("rows").PrimaryKey!.Columns);
        Assert.Equal("Mapped[Optional[str]]", s_f.Column("rows", "optional").Attribute!.Annotation);
    }
}
