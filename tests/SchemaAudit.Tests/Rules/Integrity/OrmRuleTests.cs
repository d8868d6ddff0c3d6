using SchemaAudit.Model;
using SchemaAudit.Rules.Integrity;
using static SchemaAudit.Tests.Rules.Integrity.TestModel;

namespace SchemaAudit.Tests.Rules.Integrity;

public sealed class OrmNullabilityMismatchTests
{
    private static Schema WithColumn(string annotation, bool? annotationNullable, bool nullable, bool explicitly, bool pk = false)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", LogicalType.Uuid, pk: true)));
        var column = Col("created_by", LogicalType.Uuid, nullable: nullable, pk: pk, line: 7);
        column.Nullable = nullable; // as the front-end read it, even on a primary key
        column.Attribute = new OrmAttribute("created_by", annotation, annotationNullable, explicitly, At(7));
        var conversations = Tbl("conversations", 5, Col("id", LogicalType.Uuid, pk: true), column);
        conversations.ForeignKeys.Add(Fk("created_by", "users.id", ReferentialAction.SetNull, line: 8));
        schema.Tables.Add(conversations);
        return schema;
    }

    [Fact]
    public void Reference_case_reports_with_before_and_after()
    {
        var finding = Assert.Single(Run<OrmNullabilityMismatch>(WithColumn("Mapped[UUID]", false, nullable: true, explicitly: true)));
        Assert.Equal(7, finding.Span.Line);
        Assert.Equal("created_by: Mapped[UUID]", finding.Before);
        Assert.Equal("created_by: Mapped[UUID | None]", finding.After);
        Assert.Contains("SET NULL", finding.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_annotation_on_not_null_column_is_reported()
    {
        var finding = Assert.Single(Run<OrmNullabilityMismatch>(WithColumn("Mapped[Optional[UUID]]", true, nullable: false, explicitly: true)));
        Assert.Equal("created_by: Mapped[UUID]", finding.After);
    }

    [Theory]
    [InlineData("Mapped[UUID | None]", true, true, true, false)]   // agree
    [InlineData("Mapped[UUID]", false, true, false, false)]       // nullability not written: derived from the annotation
    [InlineData("Mapped[Optional[int]]", true, false, true, true)] // primary key: Optional until flush
    [InlineData("Mapped[int]", false, true, true, true)]           // primary key: NOT NULL whatever nullable= says
    [InlineData(null, null, true, true, false)]                    // no annotation
    public void Silent_when_nothing_disagrees(string? annotation, bool? annotationNullable, bool nullable, bool explicitly, bool pk) =>
        Assert.Empty(Run<OrmNullabilityMismatch>(WithColumn(annotation!, annotationNullable, nullable, explicitly, pk)));

    [Fact]
    public void Silent_outside_orm_models()
    {
        var schema = WithColumn("Mapped[UUID]", false, nullable: true, explicitly: true);
        schema.SourceKind = SchemaSourceKind.Migrations;
        Assert.Empty(Run<OrmNullabilityMismatch>(schema));
    }

    [Theory]
    [InlineData("Mapped[Optional[str]]", "Mapped[str]")]
    [InlineData("Mapped[str | None]", "Mapped[str]")]
    [InlineData("Mapped[None | str]", "Mapped[str]")]
    [InlineData("Optional[datetime]", "datetime")]
    [InlineData("Mapped[Union[str, int, None]]", null)]
    public void Strips_none_from_annotations(string annotation, string? expected) =>
        Assert.Equal(expected, OrmNullabilityMismatch.MakeNonNullable(annotation));
}

public sealed class OrmRemoteSideBuiltinTests
{
    [Fact]
    public void Reports_builtin_with_string_fix_naming_the_owner()
    {
        var schema = new Schema();
        schema.Entities.Add(Ent("Message", "messages"));
        var rel = Rel("Message", "reply_to", "Message", 12);
        rel.RemoteSide.Add("id");
        rel.RemoteSideNamesBuiltin = true;
        schema.Relationships.Add(rel);
        var ok = Rel("Message", "parent", "Message", 13);
        ok.RemoteSide.Add("id");
        schema.Relationships.Add(ok);

        var finding = Assert.Single(Run<OrmRemoteSideBuiltin>(schema));
        Assert.Equal(12, finding.Span.Line);
        Assert.Equal("remote_side=[id]", finding.Before);
        Assert.Equal("remote_side=\"Message.id\"", finding.After);
    }
}

public sealed class OrmBackPopulatesMismatchTests
{
    private static Schema AuthorsAndBooks(string booksBackPopulates, string? authorBackPopulates, string authorTarget = "Author")
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("authors", 1, Col("id", pk: true)));
        schema.Tables.Add(Tbl("books", 10, Col("id", pk: true), Col("author_id")));
        schema.Tables.Add(Tbl("editors", 20, Col("id", pk: true)));
        schema.Entities.Add(Ent("Author", "authors"));
        schema.Entities.Add(Ent("Book", "books"));
        schema.Entities.Add(Ent("Editor", "editors"));
        schema.Relationships.Add(Rel("Author", "books", "Book", 5, booksBackPopulates));
        schema.Relationships.Add(Rel("Book", "author", authorTarget, 15, authorBackPopulates));
        return Link(schema);
    }

    [Fact]
    public void Correct_pair_is_silent() =>
        Assert.Empty(Run<OrmBackPopulatesMismatch>(AuthorsAndBooks("author", "books")));

    [Fact]
    public void Missing_attribute_is_reported_once_with_the_likely_inverse()
    {
        var finding = Assert.Single(Run<OrmBackPopulatesMismatch>(AuthorsAndBooks("writer", "books")));
        Assert.Equal(5, finding.Span.Line);
        Assert.Equal("back_populates=\"author\"", finding.After);
    }

    [Fact]
    public void One_sided_pair_is_reported()
    {
        var finding = Assert.Single(Run<OrmBackPopulatesMismatch>(AuthorsAndBooks("author", null)));
        Assert.Equal(5, finding.Span.Line);
        Assert.Contains("one-sided", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inverse_pointing_at_another_class_is_reported()
    {
        // `Book.author` targets Editor, which has no `books`: reported there only, not again on `Author.books`.
        Assert.Equal([15], Run<OrmBackPopulatesMismatch>(AuthorsAndBooks("author", "books", authorTarget: "Editor")).Lines());

        // When Editor does have a `books` relationship, `Author.books` is the side left without a partner.
        var schema = AuthorsAndBooks("author", "books", authorTarget: "Editor");
        schema.Relationships.Add(Rel("Editor", "books", "Book", 22, "author"));
        Link(schema);
        Assert.Equal([5], Run<OrmBackPopulatesMismatch>(schema).Lines());
    }

    [Fact]
    public void Attribute_created_by_a_backref_counts_as_existing()
    {
        var schema = AuthorsAndBooks("author", "books");
        var reviews = Rel("Author", "reviews", "Book", 6, "reviewer");
        schema.Relationships.Add(reviews);
        var backref = Rel("Editor", "reviewed", "Book", 21);
        backref.Backref = "reviewer";
        schema.Relationships.Add(backref);

        Assert.Empty(Run<OrmBackPopulatesMismatch>(schema));
    }

    [Fact]
    public void Inherited_relationship_on_the_targets_parent_is_found()
    {
        var schema = AuthorsAndBooks("author", "books");
        schema.Entities.Add(Ent("Translator", "authors", "Author"));
        schema.Relationships.Add(Rel("Book", "translator", "Translator", 16, "books"));
        Link(schema);

        // `Translator.books` is inherited from Author, and pairs with `Book.author`, not `Book.translator`.
        Assert.Equal([16], Run<OrmBackPopulatesMismatch>(schema).Lines());
    }

    [Fact]
    public void Silent_when_the_target_inherits_from_an_unread_class()
    {
        var schema = AuthorsAndBooks("writer", "books");
        schema.Entities.Find(e => e.Name == "Book")!.Bases.Add("plugins.AuditedModel");
        Assert.Empty(Run<OrmBackPopulatesMismatch>(schema));
    }
}
