using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Tests.Reporting;

/// <summary>
/// A hand-built audit of a small chat application: four tables, relationships, findings of every
/// severity (one of them suppressed) and a diagnostic. Rules are canned (metadata only) so that the
/// reporters are tested on fixed input, whatever the real rules do.
/// </summary>
internal static class SampleAudit
{
    public static AuditResult Create()
    {
        var schema = BuildSchema();
        var rules = CannedRule.All;
        var findings = BuildFindings();
        findings.Sort(AuditEngine.CompareFindings);
        return new AuditResult
        {
            Root = "examples/chat",
            Schema = schema,
            Findings = findings,
            RulesRun = rules,
            Score = Score.Compute(findings.Where(f => !f.IsSuppressed), schema),
            Statistics = Statistics.Compute(schema),
        };
    }

    /// <summary>A result with nothing wrong, to test the "all clear" wording.</summary>
    public static AuditResult Clean()
    {
        var schema = BuildSchema();
        schema.Diagnostics.Clear();
        return new AuditResult
        {
            Root = ".",
            Schema = schema,
            Findings = [],
            RulesRun = CannedRule.All,
            Score = Score.Compute([], schema),
            Statistics = Statistics.Compute(schema),
        };
    }

    private static SourceSpan At(string file, int line, int column = 5) => new($"app/models/{file}", line, column, line, column + 20);

    public static Schema BuildSchema()
    {
        var schema = new Schema { Dialect = "postgresql" };

        var users = new Table { Name = "users", Span = At("user.py", 10, 1) };
        users.Columns.Add(Col("id", LogicalType.Uuid, "UUID", false, At("user.py", 13), pk: true, annotation: "Mapped[UUID]", annotationNullable: false));
        users.Columns.Add(Col("email", LogicalType.Text, "String(255)", false, At("user.py", 14), annotation: "Mapped[str]", annotationNullable: false, doc: "Login e-mail"));
        users.Columns.Add(Col("created_at", LogicalType.TimestampTz, "DateTime(timezone=True)", false, At("user.py", 15), annotation: "Mapped[datetime]", annotationNullable: false));
        users.Columns[2].ServerDefault = new DefaultValue("now()", IsRawSql: true, At("user.py", 15, 40));
        users.PrimaryKey = Pk("id", At("user.py", 13));
        users.UniqueConstraints.Add(new UniqueConstraint { Columns = { "email" }, FromColumnFlag = true, Span = At("user.py", 14) });

        var conversations = new Table { Name = "conversations", Span = At("conversation.py", 12, 1) };
        conversations.Columns.Add(Col("id", LogicalType.Uuid, "UUID", false, At("conversation.py", 15), pk: true, annotation: "Mapped[UUID]", annotationNullable: false));
        conversations.Columns.Add(Col("title", LogicalType.Text, "String(200)", true, At("conversation.py", 16), annotation: "Mapped[str | None]", annotationNullable: true, comment: "Shown in the sidebar"));
        conversations.Columns.Add(Col("created_by", LogicalType.Uuid, "UUID", true, At("conversation.py", 17), annotation: "Mapped[UUID]", annotationNullable: false));
        conversations.PrimaryKey = Pk("id", At("conversation.py", 15));
        conversations.ForeignKeys.Add(Fk("created_by", "users", ReferentialAction.SetNull, At("conversation.py", 18)));
        conversations.Indexes.Add(new Index { Name = "ix_conversations_created_by", Columns = { "created_by" }, IsExpression = { false }, Origin = IndexOrigin.ColumnFlag, Span = At("conversation.py", 17) });

        var members = new Table { Name = "conversation_members", IsAssociationTable = true, Span = At("conversation.py", 40, 1) };
        members.Columns.Add(Col("conversation_id", LogicalType.Uuid, "UUID", false, At("conversation.py", 43)));
        members.Columns.Add(Col("user_id", LogicalType.Uuid, "UUID", false, At("conversation.py", 44)));
        members.PrimaryKey = Pk("conversation_id", At("conversation.py", 43));
        members.PrimaryKey.Columns.Add("user_id");
        members.ForeignKeys.Add(Fk("conversation_id", "conversations", ReferentialAction.Cascade, At("conversation.py", 43)));
        members.ForeignKeys.Add(Fk("user_id", "users", ReferentialAction.Cascade, At("conversation.py", 44)));

        var messages = new Table { Name = "messages", Span = At("message.py", 20, 1), Comment = "Chat messages, append-only" };
        messages.Columns.Add(Col("id", LogicalType.Uuid, "UUID", false, At("message.py", 23), pk: true, annotation: "Mapped[UUID]", annotationNullable: false));
        messages.Columns.Add(Col("conversation_id", LogicalType.Uuid, "UUID", false, At("message.py", 24), annotation: "Mapped[UUID]", annotationNullable: false));
        messages.Columns.Add(Col("sender_id", LogicalType.Uuid, "UUID", true, At("message.py", 26), annotation: "Mapped[UUID | None]", annotationNullable: true));
        messages.Columns.Add(Col("reply_to_id", LogicalType.Uuid, "UUID", true, At("message.py", 28), annotation: "Mapped[UUID | None]", annotationNullable: true));
        messages.Columns.Add(Col("body", LogicalType.Text, "Text", false, At("message.py", 30), annotation: "Mapped[str]", annotationNullable: false));
        messages.Columns.Add(Col("metadata", LogicalType.Jsonb, "JSONB", true, At("message.py", 31), annotation: "Mapped[dict | None]", annotationNullable: true));
        messages.PrimaryKey = Pk("id", At("message.py", 23));
        messages.ForeignKeys.Add(Fk("conversation_id", "conversations", ReferentialAction.Cascade, At("message.py", 24)));
        messages.ForeignKeys.Add(Fk("sender_id", "users", ReferentialAction.SetNull, At("message.py", 26)));
        messages.ForeignKeys.Add(Fk("reply_to_id", "messages", ReferentialAction.SetNull, At("message.py", 28)));
        messages.Indexes.Add(new Index { Name = "ix_messages_conversation_created", Columns = { "conversation_id", "id" }, IsExpression = { false, false }, Span = At("message.py", 50) });
        messages.Checks.Add(new CheckConstraint { Name = "ck_body_not_empty", Expression = "length(body) > 0", Span = At("message.py", 51) });

        schema.Tables.AddRange([users, conversations, members, messages]);

        foreach (var (name, table, file, line) in new[] { ("User", users, "user.py", 9), ("Conversation", conversations, "conversation.py", 11), ("Message", messages, "message.py", 19) })
        {
            var entity = new Entity { Name = name, TableName = table.Name, HasDoc = true, Span = At(file, line, 1) };
            entity.Bases.Add("Base");
            foreach (var c in table.Columns) entity.AttributeNames.Add(c.Name);
            table.Entity = entity;
            schema.Entities.Add(entity);
        }
        schema.Entities.Add(new Entity { Name = "Base", IsAbstract = true, Span = At("base.py", 8, 1) });

        schema.Relationships.Add(new Relationship
        {
            OwnerEntity = "Conversation", OwnerTable = "conversations", Attribute = "messages", TargetEntity = "Message", TargetTable = "messages",
            Kind = RelationshipKind.OneToMany, Lazy = "selectin", Cascade = "all, delete-orphan", BackPopulates = "conversation", IsCollection = true,
            Span = At("conversation.py", 25),
        });
        schema.Relationships.Add(new Relationship
        {
            OwnerEntity = "Message", OwnerTable = "messages", Attribute = "conversation", TargetEntity = "Conversation", TargetTable = "conversations",
            Kind = RelationshipKind.ManyToOne, Lazy = "joined", BackPopulates = "messages", Span = At("message.py", 35),
        });
        var replyTo = new Relationship
        {
            OwnerEntity = "Message", OwnerTable = "messages", Attribute = "reply_to", TargetEntity = "Message", TargetTable = "messages",
            Kind = RelationshipKind.ManyToOne, Lazy = "select", RemoteSideNamesBuiltin = true, Span = At("message.py", 38),
        };
        replyTo.RemoteSide.Add("id");
        replyTo.ForeignKeyColumns.Add("reply_to_id");
        schema.Relationships.Add(replyTo);
        schema.Relationships.Add(new Relationship
        {
            OwnerEntity = "Conversation", OwnerTable = "conversations", Attribute = "members", TargetEntity = "User", TargetTable = "users",
            Kind = RelationshipKind.ManyToMany, Lazy = "selectin", Secondary = "conversation_members", IsCollection = true, Span = At("conversation.py", 27),
        });

        schema.Enums.Add(new EnumType("message_kind", ["text", "image", "system"], At("message.py", 12, 1)));
        schema.Files.Add(new SourceFileInfo("app/models/user.py", 33, HasModels: true));
        schema.Files.Add(new SourceFileInfo("app/models/message.py", 55, HasModels: true));
        schema.Files.Add(new SourceFileInfo("app/models/conversation.py", 53, HasModels: true));
        schema.Files.Add(new SourceFileInfo("app/settings.py", 10, HasModels: false));
        schema.Diagnostics.Add(new Diagnostic(SourceSpan.At("app/models/legacy.py", 7, 12), "expected ')' to close '(' opened at 7:5"));
        schema.Suppressions.Add(new InlineSuppression(["index-redundant"], At("conversation.py", 16, 60)));
        schema.Suppressions.Add(new InlineSuppression(["fk-missing-index"], At("user.py", 20, 40)));
        return schema;
    }

    private static List<Finding> BuildFindings() =>
    [
        Make("orm-remote-side-builtin", At("message.py", 38), "Relationship `Message.reply_to` passes the builtin `id` to `remote_side` instead of the column `Message.id`.",
            "Write `remote_side=\"Message.id\"` (or `remote_side=[Message.id]` after the class body).", "messages", "reply_to",
            before: "reply_to: Mapped[\"Message | None\"] = relationship(\n    remote_side=[id],\n    foreign_keys=[reply_to_id],\n)",
            after: "reply_to: Mapped[\"Message | None\"] = relationship(\n    remote_side=\"Message.id\",\n    foreign_keys=[reply_to_id],\n)"),
        Make("orm-nullability-mismatch", At("conversation.py", 17), "Column `conversations.created_by` is `nullable=True` but annotated `Mapped[UUID]`.",
            "Annotate it `Mapped[UUID | None]`.", "conversations", "created_by",
            before: "created_by: Mapped[UUID] = mapped_column(ForeignKey(\"users.id\", ondelete=\"SET NULL\"), nullable=True)",
            after: "created_by: Mapped[UUID | None] = mapped_column(ForeignKey(\"users.id\", ondelete=\"SET NULL\"), nullable=True)"),
        Make("fk-missing-index", At("message.py", 26), "Foreign key `messages.sender_id` → `users.id` has no index.",
            "Add `index=True` to the column, or an `Index` whose first column is `sender_id`.", "messages", "sender_id"),
        Make("fk-missing-index", At("message.py", 28), "Foreign key `messages.reply_to_id` → `messages.id` has no index.",
            "Add `index=True` to the column, or an `Index` whose first column is `reply_to_id`.", "messages", "reply_to_id"),
        Make("fk-missing-index", At("conversation.py", 44), "Foreign key `conversation_members.user_id` → `users.id` has no index (it is not the leading column of the primary key).",
            "Add an `Index` whose first column is `user_id`.", "conversation_members", "user_id"),
        Make("server-default-raw-sql", At("user.py", 15), "Server default of `users.created_at` is the raw SQL string `\"now()\"`.",
            "Use `server_default=func.now()`.", "users", "created_at",
            before: "server_default=\"now()\"", after: "server_default=func.now()"),
        Make("relationship-large-collection-eager", At("conversation.py", 25), "`Conversation.messages` eagerly loads (`selectin`) a collection that grows without bound.",
            "Use `lazy=\"select\"` or `lazy=\"write_only\"` and paginate.", "conversations", null),
        Make("unused-suppression", At("user.py", 20, 40), "The ignore comment for `fk-missing-index` suppresses nothing on this line or the next.",
            "Delete the comment, or correct the rule id it names.", null, null),
        Make("index-redundant", At("conversation.py", 16), "Index `ix_conversations_title` repeats the unique constraint on `title`.",
            "Drop the index.", "conversations", "title", suppressedBy: "inline comment at app/models/conversation.py:16",
            related: [At("conversation.py", 16, 30)]),
    ];

    private static Finding Make(string ruleId, SourceSpan span, string message, string recommendation, string? table, string? column,
        string? before = null, string? after = null, string? suppressedBy = null, IReadOnlyList<SourceSpan>? related = null)
    {
        var meta = CannedRule.MetadataOf(ruleId);
        return new Finding
        {
            RuleId = ruleId, Severity = meta.Severity, Category = meta.Category, Message = message, Recommendation = recommendation,
            Span = span, Table = table, ColumnName = column, Before = before, After = after, SuppressedBy = suppressedBy, RelatedSpans = related ?? [],
        };
    }

    private static Column Col(string name, LogicalType type, string written, bool nullable, SourceSpan span, bool pk = false,
        string? annotation = null, bool? annotationNullable = null, string? doc = null, string? comment = null) => new()
        {
            Name = name, Type = type, TypeAsWritten = written, Nullable = nullable, IsPrimaryKey = pk, Span = span, Doc = doc, Comment = comment,
            Attribute = annotation is null ? null : new OrmAttribute(name, annotation, annotationNullable, NullableExplicit: true, span),
        };

    private static PrimaryKey Pk(string column, SourceSpan span)
    {
        var pk = new PrimaryKey { Span = span };
        pk.Columns.Add(column);
        return pk;
    }

    private static ForeignKey Fk(string column, string target, ReferentialAction onDelete, SourceSpan span)
    {
        var fk = new ForeignKey { TargetTable = target, OnDelete = onDelete, Span = span };
        fk.Columns.Add(column);
        fk.TargetColumns.Add("id");
        return fk;
    }
}

/// <summary>A rule that only carries metadata: the sample's findings are given, not computed.</summary>
internal sealed class CannedRule(RuleMetadata metadata) : Rule
{
    public override RuleMetadata Metadata { get; } = metadata;

    public override IEnumerable<Finding> Check(RuleContext context) => [];

    private static readonly (string Id, string Title, Severity Severity, RuleCategory Category, string Why, string Fix)[] s_rules =
    [
        ("fk-missing-index", "Foreign key without an index", Severity.Warning, RuleCategory.Performance,
            "PostgreSQL does not index foreign keys itself: joins from the parent and every delete of a parent row scan the child table.", "Index every foreign-key column (or make it the leading column of an existing index)."),
        ("fk-on-delete-unspecified", "Foreign key without ON DELETE", Severity.Warning, RuleCategory.Integrity,
            "A foreign key that says nothing behaves like NO ACTION: deleting the parent fails, and nobody wrote down whether that was intended.", "State `ondelete=` on every foreign key: CASCADE, SET NULL or RESTRICT."),
        ("index-redundant", "Redundant index", Severity.Warning, RuleCategory.Performance,
            "Every index slows writes and takes space; one that repeats another buys nothing.", "Drop the index that another index or constraint already covers."),
        ("naive-utc-timestamp", "Naive timestamp", Severity.Warning, RuleCategory.Integrity,
            "Timestamps without a time zone are read in the server's zone: comparisons across deployments drift by hours.", "Use `DateTime(timezone=True)` and timezone-aware defaults."),
        ("orm-nullability-mismatch", "Type annotation disagrees with nullability", Severity.Critical, RuleCategory.Integrity,
            "Type checkers trust the annotation: code that never expects `None` will meet one at runtime.", "Make the annotation and `nullable=` say the same thing."),
        ("orm-remote-side-builtin", "`remote_side` names a Python builtin", Severity.Critical, RuleCategory.Integrity,
            "`id` is Python's builtin function, not the column: SQLAlchemy cannot work out the direction of the self-reference and fails at mapper configuration.", "Name the column: `remote_side=\"Message.id\"`."),
        ("relationship-large-collection-eager", "Eager loading of a large collection", Severity.Suggestion, RuleCategory.Performance,
            "Loading every message of every conversation listed costs memory and time that grows with history.", "Load large collections with `select` or `write_only` and paginate."),
        ("server-default-raw-sql", "Raw SQL server default", Severity.Warning, RuleCategory.Portability,
            "A raw `\"now()\"` string is PostgreSQL syntax: SQLite test databases reject it.", "Use portable constructs such as `func.now()`."),
        ("table-no-primary-key", "Table without a primary key", Severity.Critical, RuleCategory.Integrity,
            "Without a primary key rows cannot be addressed reliably.", "Declare a primary key."),
        ("unused-suppression", "Inline ignore comment that suppresses nothing", Severity.Info, RuleCategory.Tool,
            "Suppressions rot unless they are checked.", "Delete the comment, or correct the rule id it names."),
    ];

    public static IReadOnlyList<Rule> All { get; } = [.. s_rules.Select(r => new CannedRule(MetadataOf(r.Id)))];

    public static RuleMetadata MetadataOf(string id)
    {
        var r = Array.Find(s_rules, x => x.Id == id);
        if (r.Id is null) throw new ArgumentException($"no canned rule {id}", nameof(id));
        return new RuleMetadata
        {
            Id = r.Id, Title = r.Title, Severity = r.Severity, Category = r.Category, Why = r.Why,
            Fix = r.Fix, BadExample = "", GoodExample = "",
            Precision = RulePrecision.Provisional(r.Id == "relationship-large-collection-eager" ? PrecisionLevel.Medium : PrecisionLevel.High),
        };
    }
}
