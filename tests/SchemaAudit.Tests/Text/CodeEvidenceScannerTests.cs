using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Text;

namespace SchemaAudit.Tests.Text;

public sealed class CodeEvidenceScannerTests
{
    private static SourceFile File(string path, string text) => new("/nowhere/" + path, path, text);

    [Fact]
    public void Python_session_deletes_are_orm_deletes_and_query_deletes_are_bulk()
    {
        var evidence = CodeEvidenceScanner.Scan([File("app/service.py", """
            def a(session, user):
                session.delete(user)

            def b(session, org_id):
                session.query(Organization).filter(Organization.id == org_id).delete()
                Team.query.filter_by(org_id=org_id).delete(synchronize_session=False)
                session.execute(delete(Invoice).where(Invoice.id == 1))
            """)]);

        Assert.Equal(2, evidence.OrmDeletes["user"].Line);
        Assert.Equal(5, evidence.BulkDeletes["Organization"].Line);
        Assert.Equal(6, evidence.BulkDeletes["Team"].Line);
        Assert.Equal(7, evidence.BulkDeletes["Invoice"].Line);
        Assert.Equal(2, evidence.DeleteOf("users", "User")!.Value.Line);
        Assert.Null(evidence.DeleteOf("users", "User", bulkOnly: true));
        Assert.Equal(5, evidence.DeleteOf("dispatch_core.organization", "Organization", bulkOnly: true)!.Value.Line);
    }

    [Fact]
    public void Drizzle_updates_record_null_and_timestamp_keys()
    {
        var evidence = CodeEvidenceScanner.Scan([File("src/lib/tasks.ts", """
            export async function close(id: string) {
              await db.update(tasks).set({ assigneeId: null, updatedAt: new Date() }).where(eq(tasks.id, id));
              await db.delete(comments).where(eq(comments.taskId, id));
            }
            """)]);

        Assert.True(evidence.NullWrites.ContainsKey("assigneeId"));
        Assert.True(evidence.TimestampWrites.ContainsKey("updatedAt"));
        Assert.Equal(3, evidence.BulkDeletes["comments"].Line);
    }

    [Fact]
    public void Tests_and_migrations_are_not_evidence_of_what_the_application_deletes()
    {
        var evidence = CodeEvidenceScanner.Scan([
            File("tests/test_users.py", "session.delete(user)\n"),
            File("alembic/versions/0042_cleanup.py", "op.execute('DELETE FROM users WHERE id = 0')\n"),
            File("db/migrations/0001.sql", "DELETE FROM accounts;\nCREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\nNEW.updated_at := now();\n"),
        ]);

        Assert.Empty(evidence.OrmDeletes);
        Assert.Empty(evidence.BulkDeletes);
        Assert.Empty(evidence.TimestampWrites); // a trigger is a per-table hook, read by the SQL front-end
    }

    [Fact]
    public void Other_languages_update_code_and_application_sql_record_timestamp_writes()
    {
        var evidence = CodeEvidenceScanner.Scan([
            File("crates/db/src/post.rs", ".set((post::removed.eq(removed), post::updated_at.eq(Utc::now())))\n"),
            File("internal/store/user.go", "u.ModifiedAt = time.Now()\n"),
            File("queries/touch.sql", "UPDATE notes SET body = $1, edited_at = now() WHERE id = $2;\n"),
        ]);

        Assert.True(evidence.TimestampWrites.ContainsKey("updated_at"));
        Assert.True(evidence.TimestampWrites.ContainsKey("ModifiedAt"));
        Assert.True(evidence.TimestampWrites.ContainsKey("edited_at"));
    }

    [Fact]
    public void Malformed_and_unbalanced_input_is_scanned_without_error()
    {
        var unclosed = ".set({ " + new string('{', 5000) + " updatedAt: new Date()";
        var evidence = CodeEvidenceScanner.Scan([
            File("a.ts", unclosed),
            File("b.py", "x.owner_id = None\nsession.delete(\n"),
            File("c.sql", "DELETE FROM"),
        ]);

        Assert.True(evidence.NullWrites.ContainsKey("owner_id"));
        Assert.Empty(evidence.OrmDeletes);
    }
}
