using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>
/// Reconstructions of the projects reviewed in <c>shared/reference/</c> (the example reviews): the extractor must read
/// every table and relationship the reviews talk about, and the facts behind their findings.
/// </summary>
public sealed class DatabaseModelsReferenceTests
{
    private static readonly Fixture s_f = Fixture.Load("reference-database-models");

    [Fact]
    public void Reads_the_twelve_tables_of_the_review()
    {
        string[] expected =
        [
            "call_participants", "calls", "conversation_members", "conversations", "message_reactions", "message_status",
            "messages", "poll_options", "poll_votes", "polls", "user_blocks", "users",
        ];
        Assert.Equal(expected, s_f.Schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(s_f.Schema.Tables, t => Assert.NotNull(t.PrimaryKey));
        Assert.DoesNotContain(s_f.Schema.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Equal("postgresql", s_f.Schema.Dialect);
        Assert.Equal(21, s_f.Schema.Tables.Sum(t => t.ForeignKeys.Count)); // as reconstructed (the review counts 24 in its database)
    }

    [Fact]
    public void Every_relationship_is_resolved_and_bidirectional_pairs_point_back()
    {
        var rels = s_f.Schema.Relationships;
        Assert.Equal(25, rels.Count);
        Assert.All(rels, r => Assert.NotNull(r.TargetEntity));
        foreach (var r in rels.Where(r => r.BackPopulates is not null))
        {
            var inverse = rels.Single(x => x.OwnerEntity == r.TargetEntity && x.Attribute == r.BackPopulates);
            Assert.Equal(r.Attribute, inverse.BackPopulates);
        }
        Assert.Equal(RelationshipKind.OneToMany, s_f.Relationship("Conversation", "messages").Kind);
        Assert.Equal(RelationshipKind.ManyToOne, s_f.Relationship("Message", "conversation").Kind);
        Assert.Equal(RelationshipKind.OneToOne, s_f.Relationship("Message", "poll").Kind);
        Assert.Equal(RelationshipKind.ManyToOne, s_f.Relationship("Poll", "message").Kind);
    }

    [Fact]
    public void Facts_behind_the_review_findings()
    {
        // 1. remote_side=[id] with `id` only inherited from a mixin: the builtin.
        var replyTo = s_f.Relationship("Message", "reply_to");
        Assert.True(replyTo.RemoteSideNamesBuiltin);
        Assert.Equal(RelationshipKind.ManyToOne, replyTo.Kind);
        Assert.Equal(("app/models/message.py", s_f.LineOf("app/models/message.py", "reply_to: Mapped")), replyTo.Span.Where());

        // 2. Mapped[UUID] with nullable=True.
        var createdBy = s_f.Column("conversations", "created_by");
        Assert.True(createdBy.Nullable);
        Assert.False(createdBy.Attribute!.AnnotationNullable);
        Assert.True(createdBy.Attribute.NullableExplicit);
        Assert.Equal(LogicalType.Uuid, createdBy.Type); // from the FK target's UUID(as_uuid=True)

        // 3. unique=True, index=True plus an explicit module-level index on the same column.
        var users = s_f.Table("users");
        Assert.Single(users.Indexes, i => i.Origin == IndexOrigin.ColumnFlag && i.IsUnique && i.Columns.SequenceEqual(["tms_user_id"]));
        Assert.Single(users.Indexes, i => i.Origin == IndexOrigin.Explicit && i.Name == "idx_users_tms_user_id");
        Assert.Empty(users.UniqueConstraints);

        // 5. server_default="now()" in five files (held as the literal SQLAlchemy renders: 'now()').
        var rawNow = s_f.Schema.Tables.SelectMany(t => t.Columns)
            .Where(c => c.ServerDefault is { IsRawSql: true, Expression: "'now()'" })
            .Select(c => c.Span.Path).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["app/models/call.py", "app/models/message.py", "app/models/poll.py", "app/models/user_block.py"], rawNow);

        // 6. messages: both idx_messages_sender and the flag index ix_messages_sender_id.
        var messages = s_f.Table("messages");
        Assert.Contains(messages.Indexes, i => i.Name == "idx_messages_sender");
        Assert.Contains(messages.Indexes, i => i.Name == "ix_messages_sender_id" && i.Origin == IndexOrigin.ColumnFlag);
        Assert.NotNull(s_f.Column("messages", "metadata").Attribute);
        Assert.Equal("extra", s_f.Column("messages", "metadata").Attribute!.Name);
    }

    [Fact]
    public void Mixin_columns_point_at_the_mixin_and_enums_are_collected()
    {
        var id = s_f.Column("messages", "id");
        Assert.Equal(("app/models/base.py", s_f.LineOf("app/models/base.py", "id: Mapped")), id.Span.Where());
        Assert.Equal(LogicalType.Uuid, id.Type);
        Assert.Equal(LogicalType.Enum, s_f.Column("conversations", "type").Type);
        Assert.Equal("conversationtype", s_f.Column("conversations", "type").EnumName);
        Assert.Contains(s_f.Schema.Enums, e => e.Name == "callstatus" && e.Values.SequenceEqual(["ringing", "active", "ended"]));
        Assert.All(s_f.Schema.Entities, e => Assert.True(e.HasDoc));
        var message = s_f.Schema.Files.Single(f => f.Path == "app/models/message.py");
        Assert.True(message.HasModels);
        Assert.False(s_f.Schema.Files.Single(f => f.Path == "app/models/__init__.py").HasModels);
    }
}

public sealed class SessionModelsReferenceTests
{
    private static readonly Fixture s_f = Fixture.Load("reference-session-models");
    private const string File = "app/db/models/session.py";

    [Fact]
    public void Reads_tables_relationships_and_the_link_table()
    {
        Assert.Equal(["messages", "session_skills", "sessions", "skills", "users"], s_f.Schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.True(s_f.Table("session_skills").IsAssociationTable);
        Assert.Equal(["session_id", "skill_id"], s_f.Table("session_skills").PrimaryKey!.Columns);
        Assert.All(s_f.Table("session_skills").ForeignKeys, fk => Assert.Equal(ReferentialAction.Cascade, fk.OnDelete));

        var messages = s_f.Relationship("Session", "messages");
        Assert.Equal(RelationshipKind.OneToMany, messages.Kind);
        Assert.Null(messages.Lazy);
        Assert.Equal("all, delete-orphan", messages.Cascade);
        Assert.Equal(s_f.LineOf(File, "messages = relationship"), messages.Span.Line);

        var skills = s_f.Relationship("Session", "skills");
        Assert.Equal(RelationshipKind.ManyToMany, skills.Kind);
        Assert.Equal("session_skills", skills.Secondary);
        Assert.Null(skills.Lazy);
        Assert.False(skills.PassiveDeletes);
        Assert.Equal(RelationshipKind.ManyToOne, s_f.Relationship("Message", "session").Kind);
    }

    [Fact]
    public void Facts_behind_the_review_findings()
    {
        Assert.Equal("datetime.utcnow", s_f.Column("sessions", "created_at").ClientDefault);
        Assert.Equal(LogicalType.Timestamp, s_f.Column("sessions", "created_at").Type);
        var sync = s_f.Column("sessions", "node_sync_status");
        Assert.Equal(LogicalType.Json, sync.Type);
        Assert.Equal("{}", sync.ClientDefault);
        Assert.Equal(s_f.LineOf(File, "node_sync_status ="), sync.Span.Line);
        Assert.Equal(LogicalType.Text, s_f.Column("messages", "audio_path").Type);
        Assert.Null(s_f.Schema.Dialect);
    }
}
